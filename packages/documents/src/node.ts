/**
 * Node helpers for `@smartca-kit/documents`: files as sources (positioned reads, never loaded whole)
 * and an atomic writer for signed output.
 *
 * @packageDocumentation
 */
export { openFileSource, type FileSource } from './source/file-source.js';
export { writeSignedDocument } from './source/write-file.js';
