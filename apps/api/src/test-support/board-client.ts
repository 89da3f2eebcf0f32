import { createQueue, DEFAULT_QUEUE_SETTINGS } from "@cckm/queue";
import type { Queue } from "bullmq";
import { SESSION_COOKIE } from "../board/session-cookie.ts";
import type { TestApi } from "./api-harness.ts";

export interface BoardRequest {
  /** `name=value` for the Cookie header. */
  cookie?: string;
  /** The Origin header; the API's own origin unless given, none when null. */
  origin?: string | null;
  headers?: Record<string, string>;
  /** A JSON body (or a form, see `form`). */
  body?: unknown;
  form?: Record<string, string>;
}

/** A request under /admin as a browser would send it, without following redirects. */
export function boardFetch(
  api: Pick<TestApi, "url">,
  method: string,
  path: string,
  options: BoardRequest = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  const origin = options.origin === undefined ? api.url : options.origin;
  if (origin !== null) headers.origin = origin;
  if (options.cookie) headers.cookie = options.cookie;
  let body: string | undefined;
  if (options.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(options.form).toString();
  } else if (options.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.body);
  }
  return fetch(`${api.url}${path}`, { method, headers, redirect: "manual", ...(body !== undefined ? { body } : {}) });
}

/** The session cookie a response sets, as `name=value`, or undefined. */
export function sessionCookieOf(res: Response): string | undefined {
  const line = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  return line?.split(";")[0];
}

/** Signs in through the login form; throws unless a session cookie comes back. */
export async function boardLogin(api: Pick<TestApi, "url">, username: string, password: string): Promise<string> {
  const res = await boardFetch(api, "POST", "/admin/login", { form: { username, password } });
  const cookie = sessionCookieOf(res);
  if (res.status !== 303 || !cookie) throw new Error(`board login ${username}: ${res.status} ${await res.text()}`);
  return cookie;
}

/** A producer of one of the API's queues (same Redis prefix), to put jobs where the board looks. */
export function openQueue(api: TestApi, name: string): Queue {
  return createQueue(name, api.redis, { prefix: api.config.redisPrefix, ...DEFAULT_QUEUE_SETTINGS }, () => {});
}
