import type { Reply } from "./reply.ts";

/**
 * Answers to requests that carried an `opc-retry-token`: OCI answers a retried request (same token,
 * same tenancy, same route and path) as it answered the first, without doing it again, for 24 hours.
 * Only successful answers are kept; the oldest go first past `capacity`.
 */
export class RetryTokens {
  private readonly replies = new Map<string, { reply: Reply; at: number }>();

  constructor(
    private readonly now: () => number,
    private readonly ttlMs = 24 * 3600_000,
    private readonly capacity = 10_000,
  ) {}

  get(key: string): Reply | undefined {
    const entry = this.replies.get(key);
    if (entry === undefined) return undefined;
    if (this.now() - entry.at > this.ttlMs) {
      this.replies.delete(key);
      return undefined;
    }
    return entry.reply;
  }

  set(key: string, reply: Reply): void {
    if (reply.status < 200 || reply.status > 299) return;
    this.replies.delete(key);
    this.replies.set(key, { reply, at: this.now() });
    while (this.replies.size > this.capacity) {
      const oldest = this.replies.keys().next().value;
      if (oldest === undefined) break;
      this.replies.delete(oldest);
    }
  }
}
