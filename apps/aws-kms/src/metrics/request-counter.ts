import type { OperationName } from "../operations/operation-names.ts";

export interface RequestCount {
  operation: OperationName;
  keyId: string | null;
  /** Requests received, answered or not (a hung request counts here only). */
  total: number;
  /** Answered requests by HTTP status. */
  byStatus: Record<string, number>;
}

/** Counts requests per operation and key, for tests ("how many times was ScheduleKeyDeletion sent for key X"). */
export class RequestCounter {
  private readonly counts = new Map<string, RequestCount>();

  private entry(operation: OperationName, keyId: string | undefined): RequestCount {
    const id = `${operation} ${keyId ?? ""}`;
    let entry = this.counts.get(id);
    if (entry === undefined) {
      entry = { operation, keyId: keyId ?? null, total: 0, byStatus: {} };
      this.counts.set(id, entry);
    }
    return entry;
  }

  received(operation: OperationName, keyId: string | undefined): void {
    this.entry(operation, keyId).total++;
  }

  answered(operation: OperationName, keyId: string | undefined, status: number): void {
    const entry = this.entry(operation, keyId);
    entry.byStatus[status] = (entry.byStatus[status] ?? 0) + 1;
  }

  list(filter: { operation?: string; keyId?: string } = {}): RequestCount[] {
    return [...this.counts.values()].filter(
      (c) =>
        (filter.operation === undefined || c.operation === filter.operation) &&
        (filter.keyId === undefined || c.keyId === filter.keyId),
    );
  }

  /** Requests received for an operation (and key), over every status. */
  total(operation: OperationName, keyId?: string): number {
    return this.list({ operation, ...(keyId !== undefined ? { keyId } : {}) }).reduce((n, c) => n + c.total, 0);
  }

  reset(): void {
    this.counts.clear();
  }
}
