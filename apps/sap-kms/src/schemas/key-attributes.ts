import { z } from "zod";
import { KmsError } from "../http/errors.ts";
import { UUID_PATTERN } from "../store/ids.ts";
import {
  CURVE_NAMES,
  DEFAULT_OPERATIONS,
  invalidOperations,
  KEY_TYPES,
  type KeySpec,
  OPERATIONS,
  resolveKeySpec,
} from "../store/key-spec.ts";
import type { KeyRecord, TechnicalUser } from "../store/records.ts";

export const uuidString = z.string().regex(UUID_PATTERN, "must be a UUID");

/** The attributes of a new key, for `POST /keys` and for `target` of `POST /crypto/unwrap`. */
export const keyAttributesSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .max(255)
      .regex(/^[^\p{Cc}]+$/u, "must not contain control characters"),
    description: z.string().max(1024).default(""),
    groupId: uuidString,
    type: z.enum(KEY_TYPES),
    size: z.number().int().positive().optional(),
    curve: z.enum(CURVE_NAMES as [string, ...string[]]).optional(),
    operations: z.array(z.enum(OPERATIONS)).min(1).max(OPERATIONS.length).optional(),
    exportable: z.boolean().default(false),
    enabled: z.boolean().default(true),
    role: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]{0,63}$/, "must be an upper-case name such as UNSPECIFIED")
      .default("UNSPECIFIED"),
  })
  .strict();

export type KeyAttributes = z.infer<typeof keyAttributesSchema>;

/** The requested spec, completed with defaults, or a 400. */
export function requestedSpec(attributes: KeyAttributes): KeySpec {
  const spec = resolveKeySpec({
    type: attributes.type,
    size: attributes.size,
    curve: attributes.curve as KeySpec["curve"],
  });
  if (typeof spec === "string") throw new KmsError("BAD_REQUEST", spec);
  const badOperations = invalidOperations(attributes.type, attributes.operations ?? []);
  if (badOperations !== undefined) throw new KmsError("BAD_REQUEST", badOperations);
  return spec;
}

/** A key record without versions, from validated attributes. */
export function newKeyRecord(id: string, attributes: KeyAttributes, spec: KeySpec, user: TechnicalUser): KeyRecord {
  const now = new Date().toISOString();
  return {
    id,
    name: attributes.name,
    description: attributes.description,
    groupId: attributes.groupId.toLowerCase(),
    ...spec,
    operations: [...new Set(attributes.operations ?? DEFAULT_OPERATIONS[spec.type])],
    exportable: attributes.exportable,
    enabled: attributes.enabled,
    role: attributes.role,
    created: now,
    updated: now,
    creatorId: user.id,
    versions: [],
  };
}
