import { createHash, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { KmsError } from "../http/errors.ts";
import type { TenantRoute } from "../http/tenant-route.ts";
import { parseBody } from "../http/validate.ts";

const bodySchema = z.object({ apiKey: z.string().min(1).max(512), secret: z.string().min(1).max(512) }).strict();

const digest = (value: string) => createHash("sha256").update(value).digest();
const same = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

/** `POST /kms/v2/auth/request {apiKey, secret}` → `{accessToken}`; wrong credentials are a 401. */
export const authRequest: TenantRoute = {
  id: "auth.request",
  method: "post",
  path: "/auth/request",
  authenticated: false,
  handle({ req, ctx }) {
    const { apiKey, secret } = parseBody(bodySchema, req.body);
    const user = ctx.store.tenant.users.find((u) => same(u.apiKey, apiKey) && same(u.secret, secret));
    if (user === undefined) throw new KmsError("UNAUTHORIZED", "invalid apiKey or secret");
    const { token } = ctx.tokens.issue(user.id, ctx.store.tenant.id);
    return { status: 200, body: { accessToken: token } };
  },
};
