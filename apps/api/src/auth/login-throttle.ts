import { createHash } from "node:crypto";
import type { Logger } from "@cckm/log";
import type { RedisClient } from "@cckm/queue";

export interface ThrottleLimits {
  maxFailures: number;
  maxFailuresPerAddress: number;
  windowSeconds: number;
}

/** One sign-in attempt, counted by `admit` before the credentials are checked. */
export interface LoginAttempt {
  /** Seconds to wait (answer 429 with Retry-After) when over a limit; 0 to check the credentials. */
  wait: number;
  /** The credentials were right: the username's count starts over, the address gets its attempt back. */
  succeeded(): Promise<void>;
  /** The check could not tell (an outage, a fault of ours): the attempt counts against nothing. */
  giveBack(): Promise<void>;
}

/**
 * Undoes counts: KEYS[1] the username's, KEYS[2] the address's; ARGV[1] "1" resets the username's.
 * A count is only lowered while it exists and is positive, so a window that ended meanwhile is not
 * brought back as a key without expiry.
 */
const UNCOUNT = `
if ARGV[1] == "1" then
  redis.call("DEL", KEYS[1])
elseif (tonumber(redis.call("GET", KEYS[1])) or 0) > 0 then
  redis.call("DECR", KEYS[1])
end
if (tonumber(redis.call("GET", KEYS[2])) or 0) > 0 then
  redis.call("DECR", KEYS[2])
end
return 1`;

/**
 * Counts failed sign-ins per username and per client address in Redis (shared by every API
 * instance), in a fixed window. Past a limit, sign-ins are refused with Retry-After until the
 * window ends. Only real credential failures (a wrong password, an unknown user) stay counted: an
 * attempt is counted first (so parallel guesses cannot slip past a limit) and given back when it
 * was refused by the limit, succeeded, or ended in an outage or a fault. A refused attempt not
 * counting means one username adds at most `maxFailures` to its address in a window. If Redis
 * does not answer, sign-in stays possible (fail open) and a warning is logged.
 */
export class LoginThrottle {
  constructor(
    private readonly redis: RedisClient,
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

  private async uncount(keys: [string, string], resetUser: boolean): Promise<void> {
    await this.redis
      .eval(UNCOUNT, 2, ...keys, resetUser ? "1" : "0")
      .catch((error: unknown) => this.logger.warn({ err: error }, "login throttle unavailable; count not undone"));
  }

  /** Counts this attempt and says whether it may go on to the credential check. */
  async admit(username: string, address: string): Promise<LoginAttempt> {
    const keys: [string, string] = [this.userKey(username), this.addressKey(address)];
    const [user, addr] = keys;
    let counted = true;
    let wait = 0;
    try {
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
      if (overUser || overAddress) {
        wait = Math.max(1, overUser ? value(4) : 0, overAddress ? value(5) : 0);
        // Refused before any check: not a failure, so it neither extends the lockout nor adds to the address.
        await this.uncount(keys, false);
        counted = false;
      }
    } catch (error) {
      this.logger.warn({ err: error }, "login throttle unavailable; allowing the attempt");
      counted = false;
    }
    return {
      wait,
      succeeded: async () => {
        if (counted) await this.uncount(keys, true);
        counted = false;
      },
      giveBack: async () => {
        if (counted) await this.uncount(keys, false);
        counted = false;
      },
    };
  }
}

/** The throttle of this deployment's sign-ins (API and board share its counters in Redis). */
export function loginThrottleOf(deps: {
  redis: RedisClient;
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
