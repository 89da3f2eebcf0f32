import { hashPassword, KNOWN_GROUPS } from "@cckm/auth";
import { Prisma } from "@cckm/db";
import type { RequestHandler } from "express";
import { z } from "zod";
import type { AppDeps } from "../../context.ts";
import { ApiError } from "../../http/errors.ts";
import { parse } from "../../http/validate.ts";
import { USER_FIELDS, userResource } from "./user-resource.ts";

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

/** `POST /usermgmt/users` (admins): 201 with the user, 409 when the username is taken. */
export function createUser(deps: AppDeps): RequestHandler {
  return async (req, res) => {
    const input = parse(body, req.body, "body");
    res.locals.audit = { action: "user.create", resourceType: "user", detail: { username: input.username } };
    try {
      const user = await deps.db.user.create({
        data: {
          username: input.username,
          passwordHash: await hashPassword(input.password),
          email: input.email ?? null,
          nickname: input.nickname ?? null,
          groups: [...new Set(input.groups)],
        },
        select: USER_FIELDS,
      });
      res.locals.audit.resourceId = user.id;
      res.status(201).json(userResource(user));
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        throw new ApiError(409, `user ${input.username} already exists`);
      }
      throw error;
    }
  };
}
