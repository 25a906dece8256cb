import { bytesToBase64, bytesToHex, hexToBytes } from '@smartca-kit/sdk/core';
import type { PricingRecord, RegistrationRecord } from './state.js';

/** A registration document: its text and the SHA-256 of its UTF-8 bytes. */
export interface RegistrationDocumentText {
  documentId: string;
  title: string;
  content: string;
  digestHex: string;
}

/** The service registration contract ("Hợp đồng đăng ký dịch vụ"), built from the registration. */
export function contractOf(
  r: RegistrationRecord,
  pricing: PricingRecord | undefined,
): Promise<RegistrationDocumentText> {
  const content = [
    'HỢP ĐỒNG ĐĂNG KÝ DỊCH VỤ CHỮ KÝ SỐ TỪ XA VNPT SMARTCA (sandbox)',
    `Số hồ sơ: ${r.registrationId}`,
    `Thuê bao: ${r.fullName}, ${r.uidPre} ${r.uid}`,
    `Liên hệ: ${r.email}, ${r.phone}, ${r.address}`,
    `Gói cước: ${pricing?.name ?? r.pricingCode} (${r.pricingCode}), ${r.amountDue.toLocaleString('vi-VN')} VND`,
    'Thuê bao đồng ý với điều khoản sử dụng dịch vụ chữ ký số từ xa VNPT SmartCA.',
  ].join('\n');
  return document(`HD-${r.registrationId}`, 'Hợp đồng đăng ký dịch vụ VNPT SmartCA', content);
}

/** The acceptance record ("Biên bản nghiệm thu") the holder signs with the new certificate. */
export function acceptanceRecordOf(
  r: RegistrationRecord,
  serialNumber: string,
  issuedAt: number,
): Promise<RegistrationDocumentText> {
  const content = [
    'BIÊN BẢN NGHIỆM THU CHỨNG THƯ SỐ VNPT SMARTCA (sandbox)',
    `Số hồ sơ: ${r.registrationId}`,
    `Thuê bao: ${r.fullName}, ${r.uidPre} ${r.uid}`,
    `Số serial chứng thư số: ${serialNumber}`,
    `Ngày cấp: ${new Date(issuedAt).toISOString()}`,
    'Thuê bao xác nhận đã nhận chứng thư số và khóa ký số đang hoạt động đúng.',
  ].join('\n');
  return document(`BBNT-${r.registrationId}`, 'Biên bản nghiệm thu', content);
}

/** A document as the wire shows it: the digest in base64. */
export function documentView(doc: RegistrationDocumentText): Record<string, unknown> {
  return {
    documentId: doc.documentId,
    title: doc.title,
    content: doc.content,
    digest: bytesToBase64(hexToBytes(doc.digestHex) ?? new Uint8Array()),
  };
}

async function document(documentId: string, title: string, content: string): Promise<RegistrationDocumentText> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(content));
  return { documentId, title, content, digestHex: bytesToHex(new Uint8Array(digest)) };
}
