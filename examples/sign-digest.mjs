// Sign a SHA-256 digest with VNPT SmartCA, against the local sandbox.
//
//   npm run sandbox                  # terminal 1: the sandbox on http://127.0.0.1:8769 (npm start too)
//   node examples/sign-digest.mjs    # terminal 2: then approve at http://127.0.0.1:8769/phone
//
// The same code runs against VNPT: environment 'uat' or 'production', your sp_id/sp_password, and
// VNPT's root certificates as trustedRoots.
import { createHash } from 'node:crypto';
import { bytesToBase64, createSmartCA } from '@smartca-kit/sdk';

const endpoint = process.env.SMARTCA_ENDPOINT ?? 'http://127.0.0.1:8769';
const userId = process.env.SMARTCA_USER ?? '001099000001'; // Nguyễn Văn An, 5 signing turns

const smartca = createSmartCA({
  environment: endpoint,
  credentials: { spId: 'sandbox-partner', spPassword: 'sandbox-secret' },
  // The sandbox's own root CA; every signature is checked against the certificate chain before use.
  trustedRoots: [await (await fetch(`${endpoint}/_sandbox/ca.pem`)).text()],
});

// SmartCA signs a digest, never a file. (For a PDF, the digest is that of its CMS signed attributes.)
const digest = createHash('sha256').update('Đơn đăng ký khai sinh — bản nháp').digest();

const tx = await smartca.signatures.sign({
  userId,
  description: 'Đơn đăng ký khai sinh',
  documents: [{ docId: 'HS-2026-0001', digest }],
});
console.log(`Waiting for ${userId} to approve ${tx.documents[0].docId} in the SmartCA app...`);
console.log(`  virtual phone: ${endpoint}/phone?user=${userId}`);

const result = await tx.wait({ onUpdate: (s) => s.status !== 'pending' && console.log(`  status: ${s.status}`) });
const [signature] = result.signatures;
console.log(
  `Signed by ${result.certificate.commonName} (${result.certificate.identity?.type} ${result.certificate.identity?.value})`,
);
console.log(`  certificate serial: ${result.certificate.serialNumber}`);
console.log(`  signature (RSA PKCS#1 v1.5, base64): ${bytesToBase64(signature.signature).slice(0, 48)}...`);
