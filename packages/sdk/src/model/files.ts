import type { SignedTransaction } from './transaction.js';

/** One file for SmartCA to sign whole (`/csc/signature/sign`). */
export interface FileToSign {
  /** `datas[].name`, shown in the SmartCA app, e.g. `hop-dong.pdf`. */
  name: string;
  /** The file: a PDF or an XML document at VNPT (Office files too); the sandbox signs PDF and XML. */
  data: Uint8Array;
  /**
   * `datas[].options`: VNPT's visible-signature settings (`visibleType` 1–5, `fontName`, `fontSize`,
   * `signatures: [{ page, rectangle: "llx,lly,urx,ury" }]`, ...), as an object or its JSON text.
   */
  options?: string | Record<string, unknown> | undefined;
}

/** A file SmartCA signed. */
export interface SignedFile {
  /** The name it was sent with. */
  name: string;
  /** The signed file as SmartCA returned it (`dataSigned`). Check it with `@smartca-kit/documents`. */
  data: Uint8Array;
  /** What SmartCA signed for it (`hash`): the digest it computed over the file's signature data. */
  digest: Uint8Array;
  /** The raw signature (`sig`), verified against `digest` and the certificate. */
  signature: Uint8Array;
}

/** A whole-file transaction once signed: the verified signatures and the signed files. */
export interface SignedFiles extends SignedTransaction {
  /** One per file, in the order sent. */
  files: SignedFile[];
}
