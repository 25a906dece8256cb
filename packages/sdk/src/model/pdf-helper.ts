/** Where a visible signature goes (`sigOptions.signatures[]`). */
export interface PdfPlacement {
  /** The page, from 1. */
  page: number;
  /** `[x1, y1, x2, y2]` in PDF points, origin bottom left; sent as `"x1,y1,x2,y2"`. */
  rectangle: readonly [number, number, number, number];
}

/** What `calculateHash` answers for one PDF. */
export interface HashedFile {
  /** `fileID`: names the file for `signExternal`. */
  fileId: string;
  /** The digest to sign: SHA-256 of the PAdES signed attributes. */
  digest: Uint8Array;
}

/** A raw signature for one file of a session. */
export interface ExternalSignature {
  /** The file's `fileID`. */
  fileId: string;
  /** The raw PKCS#1 v1.5 signature SmartCA returned for the file's digest. */
  signature: Uint8Array;
}

/** What `signExternal` answers for one file. */
export interface SignedPdf {
  /** The file's `fileID`. */
  fileId: string;
  /** The signed PDF. */
  signed: Uint8Array;
}

/** VNPT's visible-signature settings for one PDF (`sigOptions`); VNPT draws them, the sandbox does not yet. */
export interface PdfHelperAppearance {
  /** `renderMode`: 0 text only, 1 text with logo left, 2 logo only, 3 text with logo on top, 4 text on a background. */
  renderMode?: 0 | 1 | 2 | 3 | 4 | undefined;
  /** `customImage`: the logo or background, PNG bytes. */
  image?: Uint8Array | undefined;
  /** `fontSize`, points. */
  fontSize?: number | undefined;
  /** `fontColor`, e.g. `#000000`. */
  fontColor?: string | undefined;
  /** `signatureText`, e.g. `Ký bởi: ...\nThời gian ký: ...`. */
  text?: string | undefined;
  /** `signatures[]`: where the box goes, `rectangle` as `[x1, y1, x2, y2]` in PDF points (origin bottom left). */
  placements?: PdfPlacement[] | undefined;
}

/** One PDF for VNPT's helper. */
export interface PdfHelperFile {
  /** `name`, e.g. `hop-dong.pdf`. */
  name: string;
  /** The PDF. */
  pdf: Uint8Array;
  /** The visible signature VNPT draws (`sigOptions`). */
  appearance?: PdfHelperAppearance | undefined;
}
