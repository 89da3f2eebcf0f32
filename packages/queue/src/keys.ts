import { type RedisClient, readyServersOf } from "./connections.ts";

/**
 * Every key matching `pattern`, server by server: on a cluster each master is scanned on its own
 * (a cluster-wide SCAN does not exist), on a standalone server the one server.
 */
export async function* scanKeys(client: RedisClient, pattern: string, count = 1000): AsyncGenerator<string[]> {
  for (const server of await readyServersOf(client)) {
    let cursor = "0";
    do {
      const [next, keys] = await server.scan(cursor, "MATCH", pattern, "COUNT", count);
      cursor = next;
      if (keys.length > 0) yield keys;
    } while (cursor !== "0");
  }
}

/**
 * Deletes every key matching `pattern` (tests, the bench); returns how many there were. One DEL per
 * key, pipelined: keys of different slots cannot share a command on a cluster.
 */
export async function deleteKeys(client: RedisClient, pattern: string): Promise<number> {
  let deleted = 0;
  for await (const keys of scanKeys(client, pattern)) {
    const pipeline = client.pipeline();
    for (const key of keys) pipeline.del(key);
    await pipeline.exec();
    deleted += keys.length;
  }
  return deleted;
}
