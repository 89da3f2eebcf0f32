import { setTimeout as delay } from "node:timers/promises";
import type { createProducerConnection } from "@cckm/queue";
import { type SapCallThrottle, SapKmsError } from "@cckm/sap-kms-client";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";

/**
 * Waits up to this long inside a call for the tenant's budget (a fixed window refills within a
 * second); a longer wait (a Retry-After block) gives the call up as RATE_LIMITED with the time left,
 * so the job engine hands the job back to wait in the queue instead of holding a slot.
 */
export const MAX_INLINE_WAIT_MS = 2000;

/** How long every worker holds back after a 429 that carried no Retry-After. */
export const DEFAULT_BLOCK_MS = 1000;

export interface TenantLimitsOptions {
  /** A connection made by the shared factory (`createProducerConnection`): it fails fast when Redis is away. */
  redis: ReturnType<typeof createProducerConnection>;
  /** REDIS_PREFIX (hash-tagged, e.g. `{cckm}`): every key lives under it, in its one cluster slot. */
  prefix: string;
  log?: (level: "info" | "warn", message: string, fields: Record<string, unknown>) => void;
}

/**
 * The SAP tenant rate limit shared by all workers: per connection, at most `perSecond` requests in
 * each one-second window (rate-limiter-flexible's fixed window in Redis: the window starts at its
 * first request and lasts one second), and after a 429 every worker holds back until the tenant's
 * Retry-After has passed (the same key, blocked until then). When Redis is away each worker falls
 * back to a limit of its own in memory (the same number, so several workers may then exceed it).
 */
export class TenantLimits {
  private readonly limiters = new Map<number, RateLimiterRedis>();
  private readonly keyPrefix: string;

  constructor(private readonly options: TenantLimitsOptions) {
    this.keyPrefix = `${options.prefix}:sap-tenant-limit`;
  }

  /**
   * Resolves true once the Redis connection is up (false after `timeoutMs`): before that the
   * connection (made to fail fast) refuses commands, and each process falls back to its own
   * in-memory limit.
   */
  async ready(timeoutMs = Number.POSITIVE_INFINITY): Promise<boolean> {
    const { redis } = this.options;
    if (redis.status === "ready") return true;
    return new Promise<boolean>((resolve) => {
      const timer = Number.isFinite(timeoutMs) ? setTimeout(() => resolve(false), timeoutMs) : undefined;
      redis.once("ready", () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  /** The Redis key of a connection's window (for tests and operators). */
  keyOf(connectionId: string): string {
    return `${this.keyPrefix}:${connectionId}`;
  }

  private limiter(perSecond: number): RateLimiterRedis {
    let limiter = this.limiters.get(perSecond);
    if (limiter === undefined) {
      limiter = new RateLimiterRedis({
        storeClient: this.options.redis,
        keyPrefix: this.keyPrefix,
        points: perSecond,
        duration: 1,
        rejectIfRedisNotReady: true,
        insuranceLimiter: new RateLimiterMemory({ keyPrefix: this.keyPrefix, points: perSecond, duration: 1 }),
      });
      this.limiters.set(perSecond, limiter);
    }
    return limiter;
  }

  /** The throttle of one connection's client; none for a limit of 0 (no limit). */
  for(connectionId: string, perSecond: number): SapCallThrottle | undefined {
    if (perSecond <= 0) return undefined;
    const limiter = this.limiter(perSecond);
    const log = this.options.log ?? (() => {});
    return {
      async beforeCall(operation) {
        for (;;) {
          let wait: number;
          try {
            await limiter.consume(connectionId);
            return;
          } catch (rejection) {
            if (!(rejection instanceof RateLimiterRes)) {
              // Neither Redis nor the in-memory insurance answered: let the call go rather than stall it.
              log("warn", "tenant rate limit unavailable; the call goes out unpaced", { connectionId, operation });
              return;
            }
            wait = rejection.msBeforeNext;
          }
          if (wait > MAX_INLINE_WAIT_MS) {
            throw new SapKmsError("RATE_LIMITED", `${operation}: the SAP tenant is busy; waiting ${wait} ms`, {
              operation,
              retryAfterMs: wait,
            });
          }
          // A little jitter, so the workers waiting on one window do not all ask again at once.
          await delay(Math.max(1, wait) + Math.floor(Math.random() * 10));
        }
      },
      async rateLimited(retryAfterMs) {
        const seconds = Math.max(1, Math.ceil((retryAfterMs ?? DEFAULT_BLOCK_MS) / 1000));
        try {
          // A longer block another worker set stays: only a later "until" replaces it.
          const now = await limiter.get(connectionId);
          if (now !== null && now.consumedPoints > perSecond && now.msBeforeNext >= seconds * 1000) return;
          await limiter.block(connectionId, seconds);
          log("info", "SAP answered 429: every worker holds back calls to the tenant", { connectionId, seconds });
        } catch {
          log("warn", "tenant rate limit unavailable; the 429 is not shared", { connectionId });
        }
      },
    };
  }
}
