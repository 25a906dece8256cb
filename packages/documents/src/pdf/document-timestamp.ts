import { InvalidInputError } from '@smartca-kit/sdk/core';
import type { ProgressListener } from '../hash/sha256.js';
import { requestTimestamp, type TsaOptions } from '../timestamp/request-timestamp.js';
import { TIMESTAMP_RESERVE_BYTES } from '../timestamp/signature-level.js';
import type { PdfReader } from './reader.js';
import { addSignatureField, fillContents, hashByteRange } from './signature-field.js';

/**
 * Builds the incremental update that adds a document timestamp (PAdES B-LTA, ETSI EN 319 142-1
 * §5.4.3): a signature field whose dictionary is `/Type /DocTimeStamp /SubFilter /ETSI.RFC3161` and
 * whose `/Contents` is the TSA's token over SHA-256 of everything its `/ByteRange` covers, which is
 * the whole file so far, the /DSS included. Same placeholder and ByteRange machinery as a signature.
 *
 * @throws {@link TimestampError} when the TSA fails
 * @throws {@link InvalidInputError} `PLACEHOLDER_TOO_SMALL` when the token does not fit
 */
export async function buildDocumentTimestampUpdate(
  reader: PdfReader,
  tsa: TsaOptions,
  onProgress?: ProgressListener,
): Promise<Uint8Array> {
  const field = await addSignatureField(
    reader,
    {
      head: '/Type /DocTimeStamp /Filter /Adobe.PPKLite /SubFilter /ETSI.RFC3161',
      tail: '',
      placeholderBytes: TIMESTAMP_RESERVE_BYTES,
    },
    'DocTimeStamp',
  );
  const digest = await hashByteRange(reader.source, field, onProgress);
  const token = await requestTimestamp(tsa.url, digest, tsa);
  const room = (field.contentsHex[1] - field.contentsHex[0]) / 2;
  if (token.der.length > room) {
    throw new InvalidInputError({
      code: 'PLACEHOLDER_TOO_SMALL',
      field: 'tsa',
      message: {
        vi: `Token dấu thời gian của ${tsa.url} (${token.der.length} byte) lớn hơn chỗ dành sẵn (${room} byte).`,
        en: `The timestamp token of ${tsa.url} (${token.der.length} bytes) is larger than the reserved space (${room} bytes).`,
      },
    });
  }
  return fillContents(field, token.der);
}
