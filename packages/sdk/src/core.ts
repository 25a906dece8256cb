/**
 * `@smartca-kit/sdk/core`: the error classes and byte encoders alone, without the HTTP client, the
 * schemas or X.509 parsing. For code that only needs to throw or recognise SmartCA errors (the
 * documents package, a CLI, a browser widget) and must start fast or stay small. The same classes
 * are exported from the package root; `instanceof` works across both.
 *
 * @packageDocumentation
 */
export * from './errors/index.js';
export { bytesToHex, hexToBytes, bytesToBase64, base64ToBytes } from './internal/bytes.js';
