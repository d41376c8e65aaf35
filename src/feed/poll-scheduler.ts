// The one poll scheduler: runs a task at once and then every interval (start to start), never two
// at a time — a slow run delays the next one instead of overlapping it. A changed interval
// reschedules the pending run; kick() asks for a run as soon as the one in flight ends. Used by
// the peer monitor (scrapes), the traces loop (Jaeger searches) and `record`.

/** How a PollScheduler runs its task. */
export interface PollSchedulerOptions {
  /** The work of one run; a rejection is handed to onError and the schedule goes on. */
  readonly run: () => Promise<void>;
  /** Time between run starts, ms; 0 runs again on the next turn of the event loop. */
  readonly intervalMs: number;
  /** Called with a run's rejection; the scheduler stops when it returns false. */
  readonly onError?: (error: unknown) => boolean;
  /** Wall clock, for tests. */
  readonly now?: () => number;
}

/** Runs a task periodically, never overlapping itself. */
export class PollScheduler {
  private intervalMsValue: number;
  private readonly now: () => number;
  private started = false;
  private stopped = false;
  private running = false;
  private dirty = false;
  private startedAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  /** Starts a run from a timer: one function for the scheduler's life, not one per poll. */
  private readonly fire = (): void => void this.runNow();

  constructor(private readonly options: PollSchedulerOptions) {
    this.intervalMsValue = options.intervalMs;
    this.now = options.now ?? Date.now;
  }

  /** The current interval between run starts, ms. */
  get intervalMs(): number {
    return this.intervalMsValue;
  }

  /**
   * Starts the schedule: runs at once, or, when a run already happened outside the scheduler
   * (`lastStartMs`, as `now`), one interval after it.
   */
  start(lastStartMs?: number): void {
    if (this.started || this.stopped) return;
    this.started = true;
    if (lastStartMs === undefined) void this.runNow();
    else {
      this.startedAt = lastStartMs;
      this.schedule();
    }
  }

  /** Sets the interval; the pending run is rescheduled from the last run's start. */
  setInterval(intervalMs: number): void {
    this.intervalMsValue = intervalMs;
    if (this.started && !this.running && !this.stopped) this.schedule();
  }

  /** Runs again as soon as possible: now when idle, else right after the run in flight. */
  kick(): void {
    if (!this.started || this.stopped) return;
    if (this.running) this.dirty = true;
    else void this.runNow();
  }

  /** Stops for good; a run in flight finishes but nothing is scheduled after it. */
  stop(): void {
    this.stopped = true;
    this.cancel();
  }

  /** Whether stop() was called (or an error stopped it). */
  get isStopped(): boolean {
    return this.stopped;
  }

  private async runNow(): Promise<void> {
    this.cancel();
    this.running = true;
    this.dirty = false;
    this.startedAt = this.now();
    try {
      await this.options.run();
    } catch (error) {
      if (this.options.onError?.(error) === false) this.stopped = true;
    }
    this.running = false;
    if (this.stopped) return;
    if (this.dirty) void this.runNow();
    else this.schedule();
  }

  private schedule(): void {
    this.cancel();
    const delayMs = this.startedAt + this.intervalMsValue - this.now();
    // A run already due goes on the next turn of the event loop, not after setTimeout's 1 ms
    // minimum (an interval of 0 polls at full speed: the long-run memory bench does).
    if (delayMs <= 0) this.immediate = setImmediate(this.fire);
    else this.timer = setTimeout(this.fire, delayMs);
  }

  private cancel(): void {
    clearTimeout(this.timer);
    clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
  }
}
