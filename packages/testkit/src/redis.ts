import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { inject } from "vitest";
import { testRedisUrl } from "./env.ts";

/** A hash-tagged Redis key prefix of this test file's own, e.g. `{cckmt-<run>-<rand>}`. */
export function testRedisPrefix(): string {
  const { runId } = inject("cckmTestRun");
  return `{cckmt-${runId}-${randomBytes(4).toString("hex")}}`;
}

/** Deletes every key under `prefix`; call it in afterAll. */
export async function deleteRedisPrefix(prefix: string, url = testRedisUrl()): Promise<number> {
  const redis = new Redis(url);
  let deleted = 0;
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
  return deleted;
}
