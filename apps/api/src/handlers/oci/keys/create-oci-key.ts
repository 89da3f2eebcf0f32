import { recordNewOciKey } from "@cckm/inventory";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../../context.ts";
import { ApiError } from "../../../http/errors.ts";
import { parse } from "../../../http/validate.ts";
import { storedOciConnectionOr404 } from "../connections/find-oci-connection.ts";
import { ocid } from "../oci-kinds.ts";
import { findOciVaultOr404 } from "../vaults/find-oci-vault.ts";
import { ociKeyResource } from "./oci-key-resource.ts";

const LENGTHS = { AES: [16, 24, 32], RSA: [256, 384, 512], ECDSA: [32, 48, 66] } as const;

export const body = z
  .object({
    name: z.string().min(1).max(255),
    /** The CM vault id. */
    vault: z.uuid(),
    compartment_id: z.union([ocid("compartment"), ocid("tenancy")]).nullish(),
    algorithm: z.enum(["AES", "RSA", "ECDSA"]),
    length: z.number().int(),
    curve_id: z.enum(["NIST_P256", "NIST_P384", "NIST_P521"]).nullish(),
    protection_mode: z.enum(["SOFTWARE", "HSM"]).nullish(),
    freeform_tags: z.record(z.string().min(1).max(100), z.string().max(256)).nullish(),
    defined_tags: z.record(z.string().min(1).max(100), z.record(z.string().min(1).max(100), z.unknown())).nullish(),
  })
  .refine((b) => (LENGTHS[b.algorithm] as readonly number[]).includes(b.length), {
    path: ["length"],
    message: "in bytes: AES 16, 24 or 32; RSA 256, 384 or 512; ECDSA 32, 48 or 66",
  })
  .refine((b) => (b.algorithm === "ECDSA") === (b.curve_id != null), {
    path: ["curve_id"],
    message: "required for ECDSA keys, and only for them",
  });

/** `POST /cckm/oci/keys`: a key made by OCI in a vault of the inventory (201; it starts CREATING). */
export function createOciKey(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const input = parse(body, req.body, "body");
    const vault = await findOciVaultOr404(deps, { id: input.vault });
    res.locals.audit = { action: "oci-key.create", resourceType: "oci_key", detail: { name: input.name } };
    const connection = await storedOciConnectionOr404(deps, vault.connectionId);
    if (vault.lifecycleState !== "ACTIVE") throw new ApiError(409, `vault ${vault.id} is ${vault.lifecycleState}`);
    const made = await deps.ociClients.for(connection).createKey(vault.managementEndpoint, {
      compartmentId: input.compartment_id ?? vault.compartmentId,
      displayName: input.name,
      algorithm: input.algorithm,
      length: input.length,
      ...(input.curve_id ? { curveId: input.curve_id } : {}),
      ...(input.protection_mode ? { protectionMode: input.protection_mode } : {}),
      ...(input.freeform_tags ? { freeformTags: input.freeform_tags } : {}),
      ...(input.defined_tags ? { definedTags: input.defined_tags } : {}),
    });
    const row = await recordNewOciKey(deps.db, vault.id, made);
    res.locals.audit.resourceId = row.id;
    res.status(201).json(ociKeyResource(row));
  };
}
