// One Postgres LISTEN connection per process, fanned out in memory to every watcher of job events.
// Idle watchers cost a closure and a filter each; nothing per watcher touches Postgres while idle.
import pg from "pg";
import { JOB_EVENTS_CHANNEL, type JobEvent, type JobEventFilter, matchesFilter, parseJobEvent } from "./job-event.ts";

/** A subscriber: gets each event that matches its filter; `resync` after the connection was lost. */
export interface JobEventWatcher {
  filter: JobEventFilter;
  deliver(event: JobEvent): void;
  /** LISTEN was down for a while: events may have been missed; re-read from the last one delivered. */
  resync(): void;
  /** The hub is closing (the process stops): end the stream so the HTTP server can close. */
  end(): void;
}

export interface JobEventHubOptions {
  connectionString: string;
  /** Shown in pg_stat_activity (default `cckm-api-listen`). */
  applicationName?: string;
  /** At most this many watchers per process (default 10,000); more are refused (HUB_FULL). */
  maxWatchers?: number;
  /** Delay before reconnecting a lost LISTEN connection (default 1 s). */
  reconnectMs?: number;
  onWarning?: (what: string, error?: unknown) => void;
}

export class JobEventHubError extends Error {
  constructor(
    readonly code: "HUB_FULL" | "HUB_CLOSED" | "LISTEN_FAILED",
    message: string,
  ) {
    super(message);
    this.name = "JobEventHubError";
  }
}

export class JobEventHub {
  private readonly watchers = new Set<JobEventWatcher>();
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private heartbeats = new Set<() => void>();
  private heartbeatTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: JobEventHubOptions) {}

  get size(): number {
    return this.watchers.size;
  }

  get listening(): boolean {
    return this.client !== null;
  }

  /** Adds a watcher once LISTEN is active (so nothing committed after this resolves is missed). */
  async subscribe(watcher: JobEventWatcher): Promise<() => void> {
    if (this.closed) throw new JobEventHubError("HUB_CLOSED", "the API is shutting down");
    if (this.watchers.size >= (this.options.maxWatchers ?? 10_000))
      throw new JobEventHubError("HUB_FULL", "too many watchers on this API process");
    await this.ensureListening();
    this.watchers.add(watcher);
    return () => {
      this.watchers.delete(watcher);
    };
  }

  /** One timer for every stream's keep-alive comment, instead of a timer per stream. */
  onHeartbeat(beat: () => void, everyMs = 15_000): () => void {
    this.heartbeats.add(beat);
    if (!this.heartbeatTimer) {
      this.heartbeatTimer = setInterval(() => {
        for (const b of this.heartbeats) b();
      }, everyMs);
      this.heartbeatTimer.unref();
    }
    return () => {
      this.heartbeats.delete(beat);
    };
  }

  private ensureListening(): Promise<void> {
    if (this.client) return Promise.resolve();
    if (!this.connecting) {
      this.connecting = this.connect().finally(() => {
        this.connecting = null;
      });
    }
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      application_name: this.options.applicationName ?? "cckm-api-listen",
      keepAlive: true,
    });
    client.on("notification", (message) => {
      if (message.channel !== JOB_EVENTS_CHANNEL) return;
      const event = parseJobEvent(message.payload);
      if (!event) {
        this.options.onWarning?.("a job event notification that is not one");
        return;
      }
      for (const w of this.watchers) if (matchesFilter(event, w.filter)) w.deliver(event);
    });
    const lost = (error?: unknown) => {
      if (this.client !== client) return;
      this.client = null;
      client.end().catch(() => {});
      if (this.closed) return;
      this.options.onWarning?.("the job events LISTEN connection was lost; reconnecting", error);
      this.scheduleReconnect();
    };
    client.on("error", lost);
    client.on("end", () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${JOB_EVENTS_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => {});
      throw new JobEventHubError("LISTEN_FAILED", `cannot listen for job events: ${(error as Error).message}`);
    }
    if (this.closed) {
      await client.end().catch(() => {});
      throw new JobEventHubError("HUB_CLOSED", "the API is shutting down");
    }
    this.client = client;
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimer || this.closed) return;
    const delay = this.options.reconnectMs ?? 1000;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.watchers.size === 0) return; // the next subscriber connects
      this.ensureListening().then(
        () => {
          for (const w of this.watchers) w.resync();
        },
        (error) => {
          this.options.onWarning?.("reconnecting the job events LISTEN connection failed", error);
          this.scheduleReconnect();
        },
      );
    }, delay);
    this.reconnectTimer.unref();
  }

  /** Ends every watcher's stream and LISTEN; idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    const watchers = [...this.watchers];
    this.watchers.clear();
    for (const w of watchers) w.end();
    this.heartbeats.clear();
    await this.connecting?.catch(() => {});
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }
}
