// A process that calls through one connection's tenant limit (tenant-limit.test.ts starts several):
// it waits for its go (a BLPOP on `<prefix>:go`, so all start together), then makes CALLS calls,
// CONCURRENCY at a time, and prints the moment each one was let through ("at <epoch ms>").
import { createProducerConnection, createWorkerConnection } from "@cckm/queue";
import { TenantLimits } from "./tenant-limit.ts";

const env = process.env as Record<string, string>;
const redis = createProducerConnection(env.REDIS_URL as string, "limit-caller");
const barrier = createWorkerConnection(env.REDIS_URL as string, "limit-caller-barrier");
const limits = new TenantLimits({ redis, prefix: env.PREFIX as string });
const throttle = limits.for(env.CONNECTION as string, Number(env.LIMIT));
if (!throttle) throw new Error("no throttle");
await limits.ready();
process.stdout.write("ready\n");
await barrier.blpop(`${env.PREFIX}:go`, 0);
let left = Number(env.CALLS);
await Promise.all(
  Array.from({ length: Number(env.CONCURRENCY) }, async () => {
    while (left > 0) {
      left--;
      await throttle.beforeCall("keys.get");
      process.stdout.write(`at ${Date.now()}\n`);
    }
  }),
);
process.stdout.write("done\n");
redis.disconnect();
barrier.disconnect();
