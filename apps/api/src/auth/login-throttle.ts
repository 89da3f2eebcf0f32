import { createHash } from "node:crypto";
import type { Logger } from "@cckm/log";
import type { Redis } from "ioredis";

export interface ThrottleLimits {
  maxFailures: number;
  maxFailuresPerAddress: number;
  windowSeconds: number;
}

/**
 * Counts failed sign-ins per username and per client address in Redis (shared by every API
 * instance), in a fixed window. Past a limit, sign-ins are refused with Retry-After until the
 * window ends. If Redis does not answer, sign-in stays possible (fail open) and a warning is logged.
 */
export class LoginThrottle {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly limits: ThrottleLimits,
    private readonly logger: Logger,
  ) {}

  private userKey(username: string): string {
    const digest = createHash("sha256").update(username.toLowerCase()).digest("hex").slice(0, 32);
    return `${this.prefix}:login-failures:user:${digest}`;
  }

  private addressKey(address: string): string {
    return `${this.prefix}:login-failures:addr:${address}`;
  }

  /** Seconds until sign-in is allowed again, or 0 when it is allowed now. */
  async retryAfter(username: string, address: string): Promise<number> {
    try {
      const keys = [this.userKey(username), this.addressKey(address)];
      const limits = [this.limits.maxFailures, this.limits.maxFailuresPerAddress];
      const counts = await this.redis.mget(...keys);
      let wait = 0;
      for (const [i, count] of counts.entries()) {
        if (Number(count ?? 0) >= (limits[i] ?? Number.POSITIVE_INFINITY)) {
          wait = Math.max(wait, await this.redis.ttl(keys[i] as string), 1);
        }
      }
      return wait;
    } catch (error) {
      this.logger.warn({ err: error }, "login throttle unavailable; allowing the attempt");
      return 0;
    }
  }

  async recordFailure(username: string, address: string): Promise<void> {
    try {
      const multi = this.redis.multi();
      for (const key of [this.userKey(username), this.addressKey(address)]) {
        multi.incr(key).expire(key, this.limits.windowSeconds, "NX");
      }
      await multi.exec();
    } catch (error) {
      this.logger.warn({ err: error }, "login throttle unavailable; failure not counted");
    }
  }

  async reset(username: string): Promise<void> {
    await this.redis.del(this.userKey(username)).catch((error: unknown) => {
      this.logger.warn({ err: error }, "login throttle unavailable; counter not reset");
    });
  }
}
