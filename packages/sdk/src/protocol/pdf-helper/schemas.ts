import type { z as Zod } from 'zod';
import { lazySchemas } from '../../internal/lazy-schema.js';

// Wire schemas of VNPT's PDF helper (`/rest/v2/signature/*`), as VNPT's PHP sample reads its answers:
// no envelope on success. Names are VNPT's and stay in this folder.

// Built on first parse (internal/lazy-schema.ts): importing the SDK loads no zod.
function build(z: typeof Zod) {
  /** `calculateHash`: the session's `tranId` and, per file, `code` "sigSuccess", the hash and its `fileID`. */
  const calculateHashAnswer = z.object({
    tranId: z.string().min(1),
    hashResps: z
      .array(
        z.object({
          code: z.string().nullish(),
          hash: z.string().nullish(),
          fileID: z.string().nullish(),
        }),
      )
      .min(1),
  });
  /** `signExternal`: per file, the signed PDF in `signedData`. */
  const signExternalAnswer = z.object({
    signResps: z
      .array(
        z.object({
          fileID: z.string().nullish(),
          code: z.string().nullish(),
          signedData: z.string().nullish(),
        }),
      )
      .min(1),
  });
  return { calculateHashAnswer, signExternalAnswer };
}

type Built = ReturnType<typeof build>;

export const { calculateHashAnswer, signExternalAnswer } = lazySchemas(build);

export type CalculateHashAnswer = Zod.infer<Built['calculateHashAnswer']>;
