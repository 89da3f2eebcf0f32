import { randomBytes } from "node:crypto";
import { createRedisConnection, deleteKeys, type RedisTarget, standaloneTarget } from "@cckm/queue";
import { inject } from "vitest";
import { testRedisUrl } from "./env.ts";

/** A hash-tagged Redis key prefix of this test file's own, e.g. `{cckmt-<run>-<rand>}`. */
export function testRedisPrefix(): string {
  const { runId } = inject("cckmTestRun");
  return `{cckmt-${runId}-${randomBytes(4).toString("hex")}}`;
}

/** Deletes every key under `prefix` (on a cluster: on every master); call it in afterAll. */
export async function deleteRedisPrefix(
  prefix: string,
  target: RedisTarget | string = testRedisUrl(),
): Promise<number> {
  const redis = createRedisConnection(
    typeof target === "string" ? standaloneTarget(target) : target,
    "tool",
    "cckm-test-cleanup",
  );
  redis.on("error", () => {});
  try {
    return await deleteKeys(redis, `${prefix}*`);
  } finally {
    redis.disconnect();
  }
}
