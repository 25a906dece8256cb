import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import * as sdk from '@smartca-kit/sdk';

const ERROR_CLASSES = [
  'SmartCAError',
  'ApiError',
  'AuthenticationError',
  'OutOfSigningTurnsError',
  'CertificateStatusError',
  'TransactionRejectedError',
  'TransactionExpiredError',
  'TransactionFailedError',
  'RequestTimeoutError',
  'ConnectionError',
  'ResponseSchemaError',
  'InvalidInputError',
  'SignatureVerificationError',
  'ConfigurationError',
] as const;

describe('error classes', () => {
  it('are real classes exported at runtime from the package root', () => {
    for (const name of ERROR_CLASSES) {
      assert.equal(typeof (sdk as Record<string, unknown>)[name], 'function', `${name} is exported`);
    }
  });

  it('carry code, status, request id and a message in Vietnamese and English', () => {
    const error = new sdk.OutOfSigningTurnsError({
      code: 'SERVICE_PACK_EXEED_OR_INVALID',
      status: 400,
      wireCode: 65000,
      requestId: 'req-1',
      message: { vi: 'Hết lượt ký', en: 'Out of turns' },
    });
    assert.ok(error instanceof Error);
    assert.ok(error instanceof sdk.SmartCAError);
    assert.ok(!(error instanceof sdk.ApiError));
    assert.equal(error.name, 'OutOfSigningTurnsError');
    assert.equal(error.message, 'Out of turns');
    assert.equal(error.localizedMessage('vi'), 'Hết lượt ký');
    assert.deepEqual(
      [error.code, error.status, error.wireCode, error.requestId],
      ['SERVICE_PACK_EXEED_OR_INVALID', 400, 65000, 'req-1'],
    );
    assert.ok(sdk.isSmartCAError(error));
    assert.ok(!sdk.isSmartCAError(new Error('x')));
  });

  it('instanceof works across two copies of the built package', async () => {
    // Two physical copies of dist/, as when an app and one of its dependencies each bundle the SDK.
    const dir = mkdtempSync(join(tmpdir(), 'smartca-dup-'));
    const sdkRoot = new URL('../../packages/sdk/', import.meta.url).pathname;
    cpSync(join(sdkRoot, 'dist'), join(dir, 'copy', 'dist'), { recursive: true });
    cpSync(join(sdkRoot, 'package.json'), join(dir, 'copy', 'package.json'));
    symlinkSync(join(sdkRoot, '..', '..', 'node_modules'), join(dir, 'node_modules'), 'dir');
    const copy = (await import(pathToFileURL(join(dir, 'copy', 'dist', 'index.js')).href)) as typeof sdk;
    assert.notEqual(copy.TransactionRejectedError, sdk.TransactionRejectedError, 'really a second copy');

    const fromCopy = new copy.TransactionRejectedError({ code: 'SIGNER_REJECTED', message: { vi: 'v', en: 'e' } });
    assert.ok(fromCopy instanceof sdk.TransactionRejectedError);
    assert.ok(fromCopy instanceof sdk.SmartCAError);
    assert.ok(!(fromCopy instanceof sdk.TransactionExpiredError));
    const ours = new sdk.ResponseSchemaError({ code: 'X', message: { vi: 'v', en: 'e' }, issues: [], operation: 'op' });
    assert.ok(ours instanceof copy.ResponseSchemaError);
    assert.ok(!(ours instanceof copy.InvalidInputError));
  });
});
