/** Stops a poller: ends its sleeps and waits early and aborts its stream calls. */
export class StopSignal {
  private readonly controller = new AbortController();

  get stopped(): boolean {
    return this.controller.signal.aborted;
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  stop(): void {
    this.controller.abort();
  }

  /** A signal that stops with this one, and can also be stopped alone. */
  child(): StopSignal {
    const child = new StopSignal();
    if (this.stopped) child.stop();
    else this.signal.addEventListener('abort', () => child.stop(), { once: true });
    return child;
  }

  /** Sleeps unless stopped first; true when the time passed, false when stopped. */
  sleep(ms: number): Promise<boolean> {
    if (this.stopped) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.signal.removeEventListener('abort', done);
        resolve(!this.stopped);
      };
      const timer = setTimeout(done, ms);
      this.signal.addEventListener('abort', done);
    });
  }
}

/**
 * An idle wait that a nudge ends early (a write just happened: look now). A nudge that comes while
 * nobody waits — the poller is in the middle of a read that may have missed the write — ends the
 * next wait at once, so no write waits a whole poll interval.
 */
export class Wakeup {
  private pending = false;
  private waiter?: () => void;

  constructor(private readonly stop: StopSignal) {}

  wake(): void {
    if (this.waiter) this.waiter();
    else this.pending = true;
  }

  wait(ms: number): Promise<void> {
    if (this.pending || this.stop.stopped) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.stop.signal.removeEventListener('abort', done);
        this.waiter = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.stop.signal.addEventListener('abort', done);
      this.waiter = done;
    });
  }
}
