import type { AwsKeyView } from "@cckm/inventory";
import { z } from "zod";
import { resourceBase, resourceBaseShape } from "../../http/resource.ts";
import { AWS_KIND } from "./aws-kinds.ts";

const APPLICATION = "ncryptify:gemalto:admin:apps:kylo";
const DEV_ACCOUNT = "ncryptify:gemalto:admin:accounts:gemalto";

/** `aws_param`: AWS's KeyMetadata in its PascalCase (as CipherTrust shows it), plus policy, aliases, tags. */
export const awsParamSchema = z.object({
  AWSAccountId: z.string(),
  Arn: z.string(),
  CustomerMasterKeySpec: z.string().optional(),
  KeySpec: z.string().optional(),
  Description: z.string(),
  Enabled: z.boolean(),
  EncryptionAlgorithms: z.array(z.string()).optional(),
  SigningAlgorithms: z.array(z.string()).optional(),
  KeyAgreementAlgorithms: z.array(z.string()).optional(),
  KeyID: z.string(),
  KeyManager: z.string().optional(),
  KeyState: z.string().meta({ examples: ["Enabled", "Disabled", "PendingDeletion", "PendingImport"] }),
  KeyUsage: z.string().optional(),
  Origin: z.string().optional(),
  CreationDate: z.string().optional(),
  DeletionDate: z.string().optional(),
  MultiRegion: z.boolean(),
  Policy: z.unknown(),
  Alias: z.array(z.string()),
  Tags: z.array(z.object({ TagKey: z.string(), TagValue: z.string() })),
  KeyRotationEnabled: z.boolean(),
});

/** The answer's schema of an AWS key (OpenAPI); `awsKeyResource` is typed by it. */
export const awsKeyResourceSchema = z.object({
  ...resourceBaseShape,
  application: z.string(),
  devAccount: z.string(),
  kms_id: z.string(),
  kms: z.string(),
  synced_at: z.iso.datetime().nullable(),
  rotation_status: z.string(),
  cloud_name: z.string(),
  key_type: z.enum(["symmetric", "asymmetric", "hmac"]),
  basic_view_enabled: z.boolean(),
  region: z.string(),
  gone: z.boolean(),
  key_material_origin: z.enum(["native", "cckm", "unknown"]),
  deletion_date: z.string().optional(),
  labels: z.record(z.string(), z.string()),
  aws_param: awsParamSchema,
});

export type AwsKeyResource = z.output<typeof awsKeyResourceSchema>;

/** RFC 3339 to the second, as AWS's dates read in CipherTrust's answers (`2020-11-05T06:35:29Z`). */
const awsDate = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

function keyType(spec: string | null): "symmetric" | "asymmetric" | "hmac" {
  if (spec === null || spec === "SYMMETRIC_DEFAULT") return "symmetric";
  return spec.startsWith("HMAC_") ? "hmac" : "asymmetric";
}

const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : undefined);

/** An AWS key as CipherTrust draws one (seed 001): the CM fields, then `aws_param` in AWS's spelling. */
export function awsKeyResource(row: AwsKeyView): AwsKeyResource {
  const m = (row.metadata ?? {}) as Record<string, unknown>;
  const deletion = row.deletionDate ? awsDate(row.deletionDate) : undefined;
  const spec = typeof m.CustomerMasterKeySpec === "string" ? m.CustomerMasterKeySpec : undefined;
  const algorithms = {
    EncryptionAlgorithms: strings(m.EncryptionAlgorithms),
    SigningAlgorithms: strings(m.SigningAlgorithms),
    KeyAgreementAlgorithms: strings(m.KeyAgreementAlgorithms),
  };
  return {
    ...resourceBase(AWS_KIND.key, row),
    application: APPLICATION,
    devAccount: DEV_ACCOUNT,
    kms_id: row.kmsId,
    kms: row.kms.name,
    synced_at: row.syncedAt?.toISOString() ?? null,
    rotation_status: row.rotationStatus,
    cloud_name: row.kms.connection.cloudName,
    key_type: keyType(row.keySpec),
    basic_view_enabled: false,
    region: row.region,
    gone: row.gone,
    key_material_origin: row.origin === "AWS_KMS" ? "native" : "unknown",
    ...(deletion ? { deletion_date: deletion } : {}),
    labels: {},
    aws_param: {
      AWSAccountId: row.awsAccountId,
      Arn: row.arn,
      ...(spec ? { CustomerMasterKeySpec: spec } : {}),
      ...(row.keySpec ? { KeySpec: row.keySpec } : {}),
      Description: row.description ?? "",
      Enabled: row.enabled,
      ...Object.fromEntries(Object.entries(algorithms).filter(([, v]) => v !== undefined && v.length > 0)),
      KeyID: row.keyId,
      ...(row.keyManager ? { KeyManager: row.keyManager } : {}),
      KeyState: row.keyState,
      ...(row.keyUsage ? { KeyUsage: row.keyUsage } : {}),
      ...(row.origin ? { Origin: row.origin } : {}),
      ...(row.creationDate ? { CreationDate: awsDate(row.creationDate) } : {}),
      ...(deletion ? { DeletionDate: deletion } : {}),
      MultiRegion: row.multiRegion,
      Policy: row.policy ?? {},
      Alias: row.aliases,
      Tags: (row.tags ?? []) as { TagKey: string; TagValue: string }[],
      KeyRotationEnabled: row.rotationEnabled,
    },
  };
}
