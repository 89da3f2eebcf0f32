import { createLocalKey as makeKey } from "@cckm/inventory";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { parse } from "../../http/validate.ts";
import { localKeyResource } from "./local-key-resource.ts";

export const body = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, "1 to 128 letters, digits or . _ -"),
    algorithm: z
      .string()
      .transform((a) => a.toUpperCase())
      .pipe(z.enum(["AES", "RSA"])),
    size: z.number().int(),
  })
  .refine((b) => (b.algorithm === "AES" ? b.size === 256 : [2048, 3072, 4096].includes(b.size)), {
    path: ["size"],
    message: "AES keys are 256 bits; RSA keys 2048, 3072 or 4096",
  });

/** `POST /vault/keys2`: a key of the local key source (AES-256, RSA 2048-4096); its material sealed, never returned. */
export function createLocalKey(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const input = parse(body, req.body, "body");
    res.locals.audit = { action: "local-key.create", resourceType: "local_key", detail: { name: input.name } };
    const row = await makeKey(deps.db, deps.keyring, input);
    res.locals.audit.resourceId = row.id;
    res.status(201).json(localKeyResource(row));
  };
}
