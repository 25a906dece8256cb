/**
 * Node helpers for `@smartca-kit/documents`: files as sources (positioned reads, never loaded whole),
 * an atomic writer for signed output, and a file journal that lets a batch resume after a crash.
 *
 * @packageDocumentation
 */
export { openFileSource, type FileSource } from './source/file-source.js';
export { writeSignedDocument } from './source/write-file.js';
export { fileJournal } from './batch/file-journal.js';
