import { KNOWN_GROUPS, createUser as storeUser } from "@cckm/auth";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { parse } from "../../http/validate.ts";
import { userResource } from "./user-resource.ts";

export const body = z.object({
  username: z.string().regex(/^[A-Za-z0-9._@-]{1,64}$/, "1 to 64 letters, digits or . _ @ -"),
  password: z.string().min(8, "at least 8 characters").max(1024),
  email: z.email().max(254).optional(),
  nickname: z.string().min(1).max(128).optional(),
  groups: z
    .array(z.enum(KNOWN_GROUPS as [string, ...string[]]))
    .max(KNOWN_GROUPS.length)
    .default([]),
});

/** `POST /usermgmt/users` (admins): 201 with the user, 409 when the username is taken (USERNAME_TAKEN). */
export function createUser(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const input = parse(body, req.body, "body");
    res.locals.audit = { action: "user.create", resourceType: "user", detail: { username: input.username } };
    const user = await storeUser(deps.db, input);
    res.locals.audit.resourceId = user.id;
    res.status(201).json(userResource(user));
  };
}
