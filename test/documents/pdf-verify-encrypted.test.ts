import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { DocumentFormatError, verifyPdf } from '@smartca-kit/documents';
import { run, tempDir } from '../support/validators.js';
import { corpusDir } from '../support/corpus.js';

const CORPUS = corpusDir('pdf/');

/** verifyPdf's refusal of an encrypted file: a verification answer, not the signer's "cannot be signed". */
async function refusal(bytes: Uint8Array): Promise<DocumentFormatError> {
  try {
    await verifyPdf(bytes);
  } catch (error) {
    assert.ok(error instanceof DocumentFormatError, `a typed error, got ${String(error)}`);
    return error;
  }
  assert.fail('verifyPdf accepted an encrypted PDF');
}

function assertVerificationWording(error: DocumentFormatError): void {
  assert.equal(error.code, 'PDF_ENCRYPTED_UNVERIFIABLE');
  assert.equal(error.format, 'pdf');
  for (const text of [error.messages.en, error.messages.vi, error.userMessages.en, error.userMessages.vi]) {
    assert.doesNotMatch(text, /signed incrementally|sign again|ký bổ sung|ký lại/i, text);
  }
  assert.match(error.messages.en, /cannot be checked/);
}

describe('verifyPdf on an encrypted PDF', () => {
  it('a password-protected corpus file (pypdf, RC4 user password) gets PDF_ENCRYPTED_UNVERIFIABLE', async () => {
    assertVerificationWording(await refusal(readFileSync(new URL('pypdf-libreoffice-writer-password.pdf', CORPUS))));
  });

  it('a file qpdf encrypted with AES-256 gets the same typed answer', async () => {
    const dir = tempDir('smartca-pdf-enc-');
    const out = `${dir}/aes.pdf`;
    const encrypted = run('qpdf', [
      '--encrypt',
      'user',
      'owner',
      '256',
      '--',
      new URL('pypdf-minimal-document.pdf', CORPUS).pathname,
      out,
    ]);
    assert.equal(encrypted.status, 0, encrypted.output);
    assertVerificationWording(await refusal(readFileSync(out)));
  });
});
