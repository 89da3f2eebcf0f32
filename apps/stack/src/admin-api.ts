/** An answer of the API, its body parsed (`{}` when empty). */
export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** The API as `npm start`'s demos call it: signed in as admin, JSON in and out, bounded in time. */
export interface AdminApi {
  call(method: string, path: string, body?: unknown): Promise<Answer>;
}

async function request(apiUrl: string, token: string | null, method: string, path: string, body?: unknown) {
  const res = await fetch(`${apiUrl}/api/v1${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> } satisfies Answer;
}

/**
 * Signs in as admin with the password grant, as any client would; null when the admin's password is
 * no longer ADMIN_PASSWORD (changed since the first start), in which case the demos are skipped.
 */
export async function signInAsAdmin(apiUrl: string, adminPassword: string): Promise<AdminApi | null> {
  const login = await request(apiUrl, null, "POST", "/auth/tokens", {
    grant_type: "password",
    username: "admin",
    password: adminPassword,
  });
  if (login.status !== 200) return null;
  const token = String(login.body.jwt);
  return { call: (method, path, body) => request(apiUrl, token, method, path, body) };
}
