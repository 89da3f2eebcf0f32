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

  /**
   * Counts this attempt before the password is checked (so parallel guesses cannot slip past the
   * limit), and returns how many seconds to wait when it is over a limit, or 0 to go on.
   */
  async admit(username: string, address: string): Promise<number> {
    try {
      const user = this.userKey(username);
      const addr = this.addressKey(address);
      const window = this.limits.windowSeconds;
      const replies = await this.redis
        .multi()
        .incr(user)
        .expire(user, window, "NX")
        .incr(addr)
        .expire(addr, window, "NX")
        .ttl(user)
        .ttl(addr)
        .exec();
      const value = (i: number) => Number(replies?.[i]?.[1] ?? 0);
      const overUser = value(0) > this.limits.maxFailures;
      const overAddress = value(2) > this.limits.maxFailuresPerAddress;
      if (!overUser && !overAddress) return 0;
      return Math.max(1, overUser ? value(4) : 0, overAddress ? value(5) : 0);
    } catch (error) {
      this.logger.warn({ err: error }, "login throttle unavailable; allowing the attempt");
      return 0;
    }
  }

  /** A successful sign-in: the username's count starts over, and it does not count against the address. */
  async succeeded(username: string, address: string): Promise<void> {
    await this.redis
      .multi()
      .del(this.userKey(username))
      .decr(this.addressKey(address))
      .exec()
      .catch((error: unknown) => this.logger.warn({ err: error }, "login throttle unavailable; counter not reset"));
  }
}

/** The throttle of this deployment's sign-ins (API and board share its counters in Redis). */
export function loginThrottleOf(deps: {
  redis: Redis;
  logger: Logger;
  config: {
    redisPrefix: string;
    loginMaxFailures: number;
    loginMaxFailuresPerAddress: number;
    loginFailureWindowSeconds: number;
  };
}): LoginThrottle {
  return new LoginThrottle(
    deps.redis,
    deps.config.redisPrefix,
    {
      maxFailures: deps.config.loginMaxFailures,
      maxFailuresPerAddress: deps.config.loginMaxFailuresPerAddress,
      windowSeconds: deps.config.loginFailureWindowSeconds,
    },
    deps.logger,
  );
}
