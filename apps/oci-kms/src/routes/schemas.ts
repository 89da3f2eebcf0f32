import { z } from "zod";

/** OCI's tag maps: freeform `{key: value}`, defined `{namespace: {key: value}}`. */
export const tagFields = {
  freeformTags: z.record(z.string().min(1).max(100), z.string().max(256)).optional(),
  definedTags: z.record(z.string().min(1).max(100), z.record(z.string().min(1).max(100), z.unknown())).optional(),
};

export const ocidField = z.string().min(1).max(255);
