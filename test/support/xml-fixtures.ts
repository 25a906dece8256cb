// XML documents and helpers shared by the XML signature tests.
import { prepareXml, type XmlSignatureOptions } from '@smartca-kit/documents';
import type { LocalSigner } from './local-signer.js';

const NFC = 'Nguy\u1EC5n V\u0103n An';
const NFD = 'Nguye\u0302\u0303n Va\u0306n An';

/** The same name in both Unicode forms: signing must keep each byte for byte. */
export const VIETNAMESE = { NFC, NFD } as const;

/**
 * Shaped like a Vietnamese e-invoice (TT78 / QĐ 1450): a default namespace, the data in an element
 * with an `Id`, and a `DSCKS` block where the seller (`NBan`) and buyer (`NMua`) signatures go.
 */
export const EINVOICE = `<?xml version="1.0" encoding="UTF-8"?>
<HDon xmlns="urn:vn:einvoice:tt78" xmlns:ext="urn:example:ext">
  <DLHDon Id="DLHDon-0001">
    <TTChung><PBan>2.0.1</PBan><THDon>HÓA ĐƠN GIÁ TRỊ GIA TĂNG</THDon><KHMSHDon>1</KHMSHDon><KHHDon>C25TAA</KHHDon><SHDon>123</SHDon><NLap>2025-01-15</NLap></TTChung>
    <NDHDon>
      <NBan><Ten>Công ty TNHH Hà Nội &amp; Cộng sự</Ten><MST>0101234567</MST><DChi>Số 1 "Tràng Tiền", Hoàn Kiếm</DChi></NBan>
      <NMua><Ten>${NFC}</Ten><HVTNMHang>${NFD}</HVTNMHang></NMua>
      <DSHHDVu><HHDVu ext:code='A&lt;1&gt; &amp; "B"'><THHDVu>Dịch vụ tư vấn</THHDVu><SLuong>1</SLuong><DGia>1000000</DGia></HHDVu></DSHHDVu>
      <TToan><TgTTTBSo>1100000</TgTTTBSo><TgTTTBChu>Một triệu một trăm nghìn đồng</TgTTTBChu></TToan>
    </NDHDon>
  </DLHDon>
  <DSCKS><NBan/><NMua></NMua><CCQT/></DSCKS>
</HDon>
`;

/** A document full of the things canonicalization must get right. */
export const TRICKY =
  '\uFEFF<?xml version="1.0" encoding="utf-8"?>\r\n<?xml-stylesheet type="text/xsl" href="hoso.xsl"?>\r\n' +
  '<!-- Hồ sơ BHXH -->\r\n<bh:HoSo xmlns:bh="urn:vn:bhxh" xmlns="urn:default" xml:lang="vi" ghiChu="a&#9;b&#10;c &lt; d &gt; e &amp; f &quot;g&quot; \'h\'">\r\n' +
  `  <bh:NguoiLaoDong ma='x"y'><HoTen>${NFC}</HoTen><HoTenNFD>${NFD}</HoTenNFD></bh:NguoiLaoDong>\r\n` +
  '  <MoTa><![CDATA[<p>Lương > 10 triệu & "phụ cấp"</p>]]> &#x1F1FB;&#x1F1F3; &#13;</MoTa>\r\n' +
  '  <!-- ghi chú giữa các phần tử -->\r\n  <Rong/><Rong2></Rong2>\r\n  <?xu-ly buoc="2"?>\r\n' +
  '  <ns:X xmlns:ns="urn:ns" xmlns:khong-dung="urn:unused"><ns:Y xmlns="">tab\there</ns:Y></ns:X>\r\n</bh:HoSo>\r\n<!-- hết -->\r\n';

/** Signs like SmartCA would: prepare, sign the digest with the local key, finish. */
export async function signXml(
  xml: string | Uint8Array,
  signer: LocalSigner,
  options: XmlSignatureOptions = {},
): Promise<Uint8Array> {
  const prepared = await prepareXml(typeof xml === 'string' ? new TextEncoder().encode(xml) : xml, signer, options);
  return (await prepared.finish(signer.signDigest(prepared.digestToSign))).toBytes();
}

/** Replaces the first occurrence of `from` (which must occur) in the document's text. */
export function tamper(bytes: Uint8Array, from: string, to: string): Uint8Array {
  const text = new TextDecoder().decode(bytes);
  if (!text.includes(from)) throw new Error(`tamper: "${from}" not found`);
  return new TextEncoder().encode(text.replace(from, to));
}

/** The document's text with every Signature element cut out. */
export function withoutSignatures(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { ignoreBOM: true })
    .decode(bytes)
    .replace(/<((?:\w+:)?)Signature [\s\S]*?<\/\1Signature>/g, '');
}

/** Changes the first base64 character of the SignatureValue of the signature with this Id. */
export function flipSignatureValue(bytes: Uint8Array, signatureId: string): Uint8Array {
  const text = new TextDecoder().decode(bytes);
  const marker = `Id="${signatureId}-SignatureValue">`;
  const at = text.indexOf(marker) + marker.length;
  if (at < marker.length) throw new Error(`no SignatureValue for ${signatureId}`);
  return new TextEncoder().encode(text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1));
}
