/** One entry's outcome of a coalesced run. */
export type Settled<O> = { ok: true; value: O } | { ok: false; error: unknown };

export async function settle<O>(run: () => Promise<O>): Promise<Settled<O>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error };
  }
}

export interface CoalescerOptions {
  /** How long the first entry of a batch waits for company (0: one event-loop turn). */
  windowMs: number;
  /** The most entries one run takes. */
  max: number;
  /** Told how many entries wait for a run, each time that changes (a gauge). */
  onPending?: ((count: number) => void) | undefined;
}

/**
 * Entries submitted about the same time run together: the first one waits `windowMs` (or one turn of
 * the event loop), and every entry that arrives meanwhile, or while a run is in flight, goes into the
 * next run. `run` answers each entry's outcome, in order. One run at a time, so an entry waits at most
 * the window and one run before its own.
 */
export class Coalescer<I, O> {
  private pending: Array<{ item: I; resolve: (value: O) => void; reject: (error: unknown) => void }> = [];
  private active = false;

  constructor(
    private readonly run: (items: I[]) => Promise<Settled<O>[]>,
    private readonly options: CoalescerOptions,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.options.onPending?.(this.pending.length);
      if (this.active) return;
      this.active = true;
      const drain = () => void this.drain();
      if (this.options.windowMs > 0) setTimeout(drain, this.options.windowMs);
      else setImmediate(drain);
    });
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.options.max);
      this.options.onPending?.(this.pending.length);
      let outcomes: Settled<O>[];
      try {
        outcomes = await this.run(batch.map((b) => b.item));
      } catch (error) {
        outcomes = batch.map(() => ({ ok: false, error }));
      }
      for (const [i, b] of batch.entries()) {
        const outcome = outcomes[i] ?? { ok: false, error: new Error("no outcome for a coalesced entry") };
        if (outcome.ok) b.resolve(outcome.value);
        else b.reject(outcome.error);
      }
    }
    this.active = false;
  }
}
