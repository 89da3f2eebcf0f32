import { boardFetch, boardLogin } from "../../../apps/api/src/test-support/board-client.ts";
import { ADMIN_PASSWORD } from "../../support/stack-processes.ts";

/** What Bull Board's JSON API lists on one API process (signed in as the admin): each queue's counts. */
export async function boardQueues(apiUrl: string): Promise<Array<{ name: string; counts: Record<string, number> }>> {
  const api = { url: apiUrl };
  const cookie = await boardLogin(api, "admin", ADMIN_PASSWORD);
  const res = await boardFetch(api, "GET", "/admin/queues/api/queues", { cookie });
  if (res.status !== 200) throw new Error(`bull board on ${apiUrl}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { queues: Array<{ name: string; counts: Record<string, number> }> };
  return body.queues.map((q) => ({ name: q.name, counts: q.counts })).sort((a, b) => a.name.localeCompare(b.name));
}
