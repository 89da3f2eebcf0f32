import type { RouteId } from "../routes/route-ids.ts";

export interface RequestCount {
  route: RouteId;
  resourceId: string | null;
  /** Requests received, answered or not (a hung request counts here only). */
  total: number;
  /** Answered requests by HTTP status. */
  byStatus: Record<string, number>;
}

/** Counts requests per route and key, for tests ("how many times was enable called for key X"). */
export class RequestCounter {
  private readonly counts = new Map<string, RequestCount>();

  private entry(route: RouteId, resourceId: string | undefined): RequestCount {
    const id = `${route} ${resourceId ?? ""}`;
    let entry = this.counts.get(id);
    if (entry === undefined) {
      entry = { route, resourceId: resourceId ?? null, total: 0, byStatus: {} };
      this.counts.set(id, entry);
    }
    return entry;
  }

  received(route: RouteId, resourceId: string | undefined): void {
    this.entry(route, resourceId).total++;
  }

  answered(route: RouteId, resourceId: string | undefined, status: number): void {
    const entry = this.entry(route, resourceId);
    entry.byStatus[status] = (entry.byStatus[status] ?? 0) + 1;
  }

  list(filter: { route?: string; resourceId?: string } = {}): RequestCount[] {
    return [...this.counts.values()].filter(
      (c) =>
        (filter.route === undefined || c.route === filter.route) &&
        (filter.resourceId === undefined || c.resourceId === filter.resourceId),
    );
  }

  reset(): void {
    this.counts.clear();
  }
}
