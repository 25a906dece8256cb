/**
 * VNPT's documented example responses, as printed in V1 (SP769, "Tài liệu tích hợp VNPT SMARTCA" v4:
 * §3.1–3.4, §4.2–4.4) and V2 (the gateway, "DỊCH VỤ VNPT-SMARTCA – Tài liệu đặc tả" v1.1: §3, §5), plus
 * two that real clients carry (C5's PDF helper answers, C7's status answer with `expired_in`). Field
 * names, types and literal values are VNPT's. Three kinds of value are replaced, because the documents
 * elide them or they identify a person: certificates and signatures (VNPT prints `"MIIFQjCCBCqgAwIBAg..."`),
 * which become real ones from a local signer, and the test subscriber's name and ID number.
 */
export interface Substitutes {
  /** The signer certificate, base64 DER. */
  cert: string;
  /** The issuing CA, base64 DER. */
  ca: string;
  /** The root, base64 DER. */
  root: string;
  /** A real signature for each document, by doc id, base64. */
  signature: (docId: string) => string;
}

const PERSON = { name: 'Nguyễn Văn Mẫu test SmartCA', cmnd: '000000001', cccd: '000000000001' };

/** V1 §3.2: a user with a personal certificate and two e-seals. */
export const getCertificate = (s: Substitutes) => ({
  status_code: 200,
  message: 'Success',
  data: {
    user_certificates: [
      {
        service_type: 'SMARTCA',
        service_name: 'SMARTCA PERSONAL PRO',
        cert_id: 'fcfffddf-2bed-4dda-8276-d00b4c3df6c9',
        cert_status: 'Đang hoạt động',
        serial_number: '54010101493c47d39f8a84b30ed55191',
        cert_subject: `C=VN,ST=HÀ NỘI,L=Quận,CN=${PERSON.name},UID=CMND:${PERSON.cmnd}`,
        cert_valid_from: '2023-07-18T09:12:00Z',
        cert_valid_to: '2026-07-18T21:12:00Z',
        cert_data: s.cert,
        chain_data: { ca_cert: s.ca, root_cert: s.root },
        transaction_id: 'SP_CA_09940',
      },
      {
        service_type: 'ESEAL',
        service_name: 'ESEAL',
        cert_id: '45bbe953-0000-0000-0000-000000000000',
        cert_status: 'Đang hoạt động',
        serial_number: '540101013e3772189f6b3981df73bf0a',
        cert_subject: `CN=${PERSON.name},UID=CCCD:${PERSON.cmnd}`,
        cert_valid_from: '2024-01-27T00:58:00Z',
        cert_valid_to: '2025-01-27T00:58:00Z',
        cert_data: s.cert,
        chain_data: { ca_cert: s.ca, root_cert: s.root },
        transaction_id: 'SP_CA_09940',
      },
    ],
  },
});

/** V1 §3.3 (and §3.1's generic example, whose message has a stray leading space). */
export const sign = {
  status_code: 200,
  message: 'sig_wait_for_user_confirm',
  data: { transaction_id: 'SP_CA_123456', tran_code: 'acd9be84-60e7-4645-83ab-fb7079b71626' },
};
export const genericSuccess = {
  status_code: 200,
  message: ' SUCCESS',
  data: { transaction_id: 'SP_CA_123456', tran_code: 'acd9be84-60e7-4645-83ab-fb7079b71626' },
};

/** V1 §3.4: two documents signed. */
export const status = (s: Substitutes) => ({
  status_code: 200,
  message: 'SUCCESS',
  data: {
    transaction_id: 'c7eabdae-740e-4845-9bcd-dc495562d0bf',
    signatures: [
      { doc_id: '30c-7401-2562', signature_value: s.signature('30c-7401-2562'), timestamp_signature: null },
      { doc_id: '29a-7749-1325', signature_value: s.signature('29a-7749-1325'), timestamp_signature: null },
    ],
  },
});

/** C7's Swagger example of a real status answer: `expired_in` beside the signatures. */
export const statusWithExpiry = (s: Substitutes, docId: string) => ({
  status_code: 200,
  message: 'SUCCESS',
  data: {
    transaction_id: 'c0aec40c-9adb-4b97-8b00-2ac1cbc6e2c0',
    expired_in: 279,
    signatures: [{ doc_id: docId, signature_value: s.signature(docId), timestamp_signature: null }],
  },
});

/** V1 §4.2: SmartCA TH's listing: no service_type, status, subject or dates, and no root. */
export const thGetCertificate = (s: Substitutes) => ({
  status_code: 200,
  message: 'Success',
  data: {
    user_certificates: [
      {
        cert_id: '047db43a-4038-471f-9843-cc52e0b5a194',
        cert_data: s.cert,
        chain_data: { ca_cert: s.ca, root_cert: null },
        serial_number: '54010101ed6648476eec44c6354e93a5',
        transaction_id: 'SP_CA_09940',
      },
    ],
  },
});

/** V1 §4.3 and §4.4 (the document's ids differ from the request's; the SDK must not mind). */
export const thSign = {
  status_code: 200,
  message: 'sig_wait_for_user_confirm',
  data: {
    transaction_id: '67975bcc-5ee7-4a24-ab29-dd9f3c8fe32a',
    tran_code: 'b40d5ec4-513c-420a-b4e8-cc413eac308c',
    sad: 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.e30.c2ln',
    expired_in: 299,
  },
};
export const thConfirm = (s: Substitutes) => ({
  status_code: 200,
  message: 'Success',
  data: {
    transaction_id: 'a71bf8ad-71ad-4823-b586-33c8698b768e',
    expired_in: 299,
    signatures: [{ doc_id: '30c-7401-2562', signature_value: s.signature('30c-7401-2562'), timestamp_signature: null }],
  },
});

/** V2 §3: the token answer, and its three errors (HTTP 400). */
export const token = {
  access_token: 'eyJ0eXAiOiJKV1QiLCJhbGc.e30.c2ln',
  refresh_token: '821085395545EE7E2A51C01814C564316CFEB826511DFA0C995CCF2E114DBD1D',
  token_type: 'bearer',
  expires_in: 3599,
  scope: 'email offline_access openid profile sign',
};
export const tokenErrors = [
  { error: 'invalid_client' },
  { error: 'invalid_scope' },
  {
    error: 'invalid_grant',
    error_description:
      'Incorrect password, you have 3 attempts left. If you enter incorrectly more than 5 times, your account will be locked for 5 minutes.',
  },
];

/** V2 §4.2's generic envelope, and §5.2.1's credentials/list with null codeDesc and message. */
export const envelopeList = {
  code: 0,
  codeDesc: 'SUCCESS',
  message: 'Success',
  content: ['0cf6f04a-81ff-49a7-bc70-e27edb4759f9'],
};
export const credentialsList = {
  code: 0,
  codeDesc: null,
  message: null,
  content: ['5d5c0a0f-59b8-498c-9e8e-c3e9b8f1e718'],
};

/** V2 §5.2.2: credentials/info, printed without the envelope; its errors are enveloped. */
export const credentialInfo = (s: Substitutes) => ({
  key: { status: 'ENABLED', alg: ['1.2.840.113549.1.1.1'], len: 2048 },
  cert: {
    status: 'VALID',
    serialNumber: '54010101c89f68327fba49dc613ece93',
    subjectDN: `C=VN,ST=Quảng Nam,L=Huyện Bắc Trà My,CN=${PERSON.name},UID=CCCD:${PERSON.cccd}`,
    issuerDN: 'C=VN,O=VIETNAM POSTS AND TELECOMMUNICATIONS GROUP,CN=VNPT SmartCA RS',
    certificates: [s.cert, s.ca, s.root],
    validFrom: '20240514073200Z',
    validTo: '20241113051100Z',
  },
  authMode: 'oauth2code',
  scal: 'SCAL2',
  multisign: 1,
  status: 'VALID',
  servicePacks: [
    {
      servicePackId: '33cca660-f707-45ad-babb-4d9886a7a122',
      name: `Gói lượt ký cá nhân ${PERSON.cccd}`,
      admin: {
        credentialId: null,
        id: '72b9d416-0000-0000-0000-000000000000',
        uid: PERSON.cccd,
        fullName: PERSON.name,
        email: 'mau@example.vn',
        phone: '0900000000',
      },
      type: 0,
      status: 0,
    },
  ],
  signType: 0,
  defaultServicePackId: '33cca660-f707-45ad-babb-4d9886a7a122',
});
export const credentialErrors = [
  {
    code: 60000,
    codeDesc: 'CREDENTIAL_NOT_EXIST',
    message: 'no_credential_match_id_0cf6f04a-81ff-49a7-bc70-e27edb4759f8',
    content: null,
  },
  { code: 60001, codeDesc: 'CREDENTIAL_NOT_MATCH_IDENTITY', message: 'Credential not match user', content: null },
];

/** V2 §5.2.3–5.2.4: sign and signhash answer the same. */
export const signHash = {
  code: 0,
  codeDesc: 'SUCCESS',
  message: 'Chờ người dùng xác nhận',
  content: { tranId: '1e516e32-5091-4cf2-be36-e002cf08e013' },
};

/** V2 §5.2.5: gettraninfo while waiting; `finished` is the same answer once signed (VNPT prints none). */
export const tranInfo = (hashes: string[], finished?: { sigs: string[] }) => ({
  code: 0,
  codeDesc: 'SUCCESS',
  message: 'success',
  content: {
    refTranId: 'e442f592-f892-43dd-8a4b-d6339679f27f',
    documents: hashes.map((hash, i) => ({
      name: i === 0 ? 'sample.pdf' : 'sample.docx',
      type: 'pdf',
      size: '30KB',
      data: hash,
      hash,
      sig: finished?.sigs[i] ?? null,
      dataSigned: null,
      url: null,
    })),
    tranId: '1e516e32-5091-4cf2-be36-e002cf08e013',
    sub: '879f198d-bce0-4617-892f-c6c7a8c79fb7',
    credentialId: '5d5c0a0f-59b8-498c-9e8e-c3e9b8f1e718',
    tranType: 3,
    tranTypeDesc: 'SIGNHASH',
    tranStatus: finished ? 1 : 4000,
    tranStatusDesc: finished ? 'SUCCESS' : 'WAITING_FOR_SIGNER_CONFIRM',
    reqTime: '2021-08-22T10:18:34.87Z',
  },
});

/** V2 §5.2.3: the notifyUrl body. */
export const notify = {
  tranId: '1e516e32-5091-4cf2-be36-e002cf08e013',
  refTranId: 'e442f592-f892-43dd-8a4b-d6339679f27f',
  status: 1,
};

/** C5 (VNPT's PHP sample) reads these shapes from the PDF helper. */
export const calculateHash = (hash: string) => ({
  tranId: '1c1d73396f714573a68f94e74ac21736',
  hashResps: [{ code: 'sigSuccess', hash, fileID: 'eea2b5ec-60d4-44b6-b046-6eae23e59e6b' }],
});
export const signExternal = (signedData: string) => ({ signResps: [{ signedData }] });
