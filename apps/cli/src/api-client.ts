// The CLI's one way to call the API: the session's JWT attached and renewed (by its lifetime, and
// again on a 401), idempotent reads retried on 429/5xx and network failures, errors as one line.
import { CliError } from "./errors.ts";
import { apiErrorOf, type HttpAnswer, send } from "./http.ts";
import type { Profile, ProfileStore } from "./profile-store.ts";

export const API_PREFIX = "/api/v1";
export type Query = Record<string, string | number | boolean | undefined>;

export interface CallOptions {
  query?: Query;
  body?: unknown;
  /** Retry 429, 502-504 and network failures (default: for GET only). */
  retry?: boolean;
  /** Answer these statuses instead of throwing (e.g. 404, 409). */
  accept?: number[];
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

const RETRY_STATUSES = new Set([429, 502, 503, 504]);
const ATTEMPTS = 6;

/** A stream refused for now (503: too many watchers, LISTEN down) or not offered at all: poll instead. */
const NO_STREAM_STATUSES = new Set([405, 406, 501, 503]);

export const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(t);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });

/** Retry-After in ms (seconds or a date), capped; else exponential backoff from 250 ms. */
export function backoffMs(answer: HttpAnswer | undefined, attempt: number): number {
  const header = answer?.headers["retry-after"];
  const value = Array.isArray(header) ? header[0] : header;
  if (value) {
    const seconds = Number(value);
    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now();
    if (ms >= 0) return Math.min(ms, 10_000);
  }
  return Math.min(250 * 2 ** attempt, 5000) * (0.5 + Math.random() / 2);
}

export function urlOf(base: string, path: string, query: Query = {}): URL {
  const url = new URL(`${API_PREFIX}${path}`, base);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
  return url;
}

export class ApiClient {
  private renewing: Promise<void> | null = null;

  constructor(
    private readonly store: ProfileStore,
    private profile: Profile,
  ) {}

  get baseUrl(): string {
    return this.profile.url;
  }

  /** A JWT valid for a while yet: the cached one, or a fresh one from the refresh token. */
  async accessToken(): Promise<string> {
    const p = this.profile;
    // Renewed once 3/4 of its life has passed, and at the latest 30 s before it ends.
    const margin = Math.min(30_000, ((p.jwt_duration ?? 300) * 1000) / 4);
    if (!p.jwt || !p.jwt_expires_at || Date.now() >= p.jwt_expires_at - margin) await this.renew();
    return this.profile.jwt as string;
  }

  /** Trades the refresh token for a new JWT (once at a time) and stores it in the profile. */
  renew(): Promise<void> {
    this.renewing ??= (async () => {
      const p = this.store.require();
      const answer = await send({
        method: "POST",
        url: urlOf(p.url, "/auth/tokens"),
        body: { grant_type: "refresh_token", refresh_token: p.refresh_token, client_id: p.client_id },
        insecure: p.insecure,
      });
      if (answer.status === 401 || answer.status === 400) {
        throw new CliError("SESSION_ENDED", `the session of profile "${this.store.name}" has ended: run cckm login`);
      }
      if (answer.status !== 200) throw apiErrorOf(answer, "renewing the session");
      const token = answer.body as { jwt: string; duration: number };
      const expiresAt = Date.now() + token.duration * 1000;
      this.profile = { ...p, jwt: token.jwt, jwt_expires_at: expiresAt, jwt_duration: token.duration };
      this.store.write(this.profile);
    })().finally(() => {
      this.renewing = null;
    });
    return this.renewing;
  }

  /** One API call; answers the parsed body of a 2xx (or of a status in `accept`). */
  async call(method: string, path: string, options: CallOptions = {}): Promise<HttpAnswer> {
    const retry = options.retry ?? method === "GET";
    let renewed = false;
    for (let attempt = 0; ; attempt++) {
      const jwt = await this.accessToken();
      let answer: HttpAnswer | undefined;
      try {
        answer = await send({
          method,
          url: urlOf(this.profile.url, path, options.query),
          headers: { authorization: `Bearer ${jwt}`, ...options.headers },
          body: options.body,
          insecure: this.profile.insecure,
          ...(options.signal ? { signal: options.signal } : {}),
        });
      } catch (error) {
        if (!(error instanceof CliError) || error.code !== "NETWORK" || !retry || attempt >= ATTEMPTS - 1) throw error;
      }
      if (answer?.status === 401 && !renewed) {
        renewed = true;
        await this.renew();
        attempt--;
        continue;
      }
      if (answer && ((answer.status >= 200 && answer.status < 300) || options.accept?.includes(answer.status))) {
        return answer;
      }
      if (answer && (!retry || !RETRY_STATUSES.has(answer.status) || attempt >= ATTEMPTS - 1)) {
        if (answer.status === 401) throw new CliError("SESSION_ENDED", "the API refused the session: run cckm login");
        throw apiErrorOf(answer, `${method} ${path}`);
      }
      await sleep(backoffMs(answer, attempt), options.signal);
      if (options.signal?.aborted) throw new CliError("API", "interrupted");
    }
  }

  async get<T>(path: string, query?: Query): Promise<T> {
    return (await this.call("GET", path, query ? { query } : {})).body as T;
  }

  /** Opens a server-sent event stream (GET with Accept: text/event-stream). */
  async openStream(path: string, query: Query, lastEventId: string | undefined, signal: AbortSignal) {
    const jwt = await this.accessToken();
    const answer = await send({
      method: "GET",
      url: urlOf(this.profile.url, path, query),
      headers: {
        authorization: `Bearer ${jwt}`,
        accept: "text/event-stream",
        ...(lastEventId ? { "last-event-id": lastEventId } : {}),
      },
      insecure: this.profile.insecure,
      stream: true,
      signal,
    });
    if (answer.status === 401) {
      await this.renew();
      throw new CliError("API", "session renewed; reconnect", 401);
    }
    const type = String(answer.headers["content-type"] ?? "");
    if (NO_STREAM_STATUSES.has(answer.status) || (answer.status === 200 && !type.startsWith("text/event-stream"))) {
      answer.stream?.destroy();
      throw new CliError(
        "NO_STREAM",
        `the API serves no event stream for ${path} (HTTP ${answer.status})`,
        answer.status,
      );
    }
    if (answer.status !== 200 || !answer.stream) throw apiErrorOf(answer, `watching ${path}`);
    return answer.stream;
  }
}
