import { testRedisUrl } from "@cckm/testkit";
import { Queue } from "bullmq";
import { expect } from "vitest";
import type { TestStack } from "./stack-processes.ts";

/** The stack's queue jobs of `queue` (there are some), each payload exactly `fields`: ids, never a secret. */
export async function expectIdOnlyPayloads(stack: TestStack, queue: string, fields: string[]): Promise<void> {
  const reader = new Queue(queue, { connection: { url: testRedisUrl() }, prefix: stack.redisPrefix });
  try {
    const jobs = await reader.getJobs();
    expect(jobs.length).toBeGreaterThan(0);
    for (const job of jobs) expect(Object.keys(job.data)).toEqual(fields);
  } finally {
    await reader.close();
  }
}
