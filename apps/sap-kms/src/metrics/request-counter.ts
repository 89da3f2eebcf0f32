import type { RouteId } from "../routes/route-ids.ts";

export interface RequestCount {
  route: RouteId;
  keyId: string | null;
  /** Requests received, answered or not (a hung request counts here only). */
  total: number;
  /** Answered requests by HTTP status. */
  byStatus: Record<string, number>;
}

/** How many arrival times the counter keeps (the latest ones): a few minutes of a busy bench. */
export const ARRIVALS_KEPT = 200_000;

/**
 * Counts requests per route and key, for tests ("how many times was DELETE called for key X"), and
 * keeps the arrival time of the latest requests (for "how many requests per second reached the tenant").
 */
export class RequestCounter {
  private readonly counts = new Map<string, RequestCount>();
  private arrivals: number[] = [];

  private entry(route: RouteId, keyId: string | undefined): RequestCount {
    const id = `${route} ${keyId ?? ""}`;
    let entry = this.counts.get(id);
    if (entry === undefined) {
      entry = { route, keyId: keyId ?? null, total: 0, byStatus: {} };
      this.counts.set(id, entry);
    }
    return entry;
  }

  received(route: RouteId, keyId: string | undefined): void {
    this.entry(route, keyId).total++;
    this.arrivals.push(Date.now());
    if (this.arrivals.length > ARRIVALS_KEPT * 1.5) this.arrivals = this.arrivals.slice(-ARRIVALS_KEPT);
  }

  /** Arrival times (epoch ms) of the requests received from `since` on, oldest first. */
  arrivalsSince(since: number): number[] {
    let i = this.arrivals.length;
    while (i > 0 && (this.arrivals[i - 1] as number) >= since) i--;
    return this.arrivals.slice(i);
  }

  answered(route: RouteId, keyId: string | undefined, status: number): void {
    const entry = this.entry(route, keyId);
    entry.byStatus[status] = (entry.byStatus[status] ?? 0) + 1;
  }

  list(filter: { route?: string; keyId?: string } = {}): RequestCount[] {
    return [...this.counts.values()].filter(
      (c) =>
        (filter.route === undefined || c.route === filter.route) &&
        (filter.keyId === undefined || c.keyId === filter.keyId),
    );
  }

  reset(): void {
    this.counts.clear();
    this.arrivals = [];
  }
}
