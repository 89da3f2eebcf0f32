import { RateLimitWait } from "./failure-policy.ts";
import { isRateLimited } from "./upstream-error.ts";

/**
 * A cloud client a job's steps use, with one change: while the job may still wait (`mayWait`), a rate
 * limit rejects as RateLimitWait instead of the client's error. Steps handle upstream errors themselves (a delete's
 * export that fails on the last attempt becomes a failed backup); a rate limit is no failure of the
 * key, so it must pass through them untouched to the processor, which waits. Every other answer and
 * error is the client's own.
 */
export function rateLimitAware<T extends object>(client: T, mayWait: boolean): T {
  if (!mayWait) return client;
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        const result: unknown = value.apply(target, args);
        return result instanceof Promise ? result.catch(rethrowRateLimit) : result;
      };
    },
  });
}

function rethrowRateLimit(error: unknown): never {
  if (isRateLimited(error)) throw new RateLimitWait(error);
  throw error;
}
