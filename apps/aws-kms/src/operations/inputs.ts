import { z } from "zod";

/** Members several operations share, with AWS's constraints. */
export const keyIdMember = z.string().min(1).max(2048);
export const markerMember = z
  .string()
  .min(1)
  .max(1024)
  .regex(/^[\u0020-\u00FF]*$/);
export const grantTokensMember = z.array(z.string().min(1).max(8192)).max(10).optional();

/** `{KeyId}` (and grant tokens, accepted and ignored). */
export const keyIdInput = z.object({ KeyId: keyIdMember, GrantTokens: grantTokensMember });
