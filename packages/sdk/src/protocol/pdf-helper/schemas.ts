import { z } from 'zod';

// Wire schemas of VNPT's PDF helper (`/rest/v2/signature/*`), as VNPT's PHP sample reads its answers:
// no envelope on success. Names are VNPT's and stay in this folder.

/** `calculateHash`: the session's `tranId` and, per file, `code` "sigSuccess", the hash and its `fileID`. */
export const calculateHashAnswer = z.object({
  tranId: z.string().min(1),
  hashResps: z.array(z.object({
    code: z.string().nullish(),
    hash: z.string().nullish(),
    fileID: z.string().nullish(),
  })).min(1),
});

/** `signExternal`: per file, the signed PDF in `signedData`. */
export const signExternalAnswer = z.object({
  signResps: z.array(z.object({
    fileID: z.string().nullish(),
    code: z.string().nullish(),
    signedData: z.string().nullish(),
  })).min(1),
});

export type CalculateHashAnswer = z.infer<typeof calculateHashAnswer>;
