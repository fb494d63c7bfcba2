/**
 * M-R1: one logon at a time, the others in arrival order. M-R2: a waiter with a deadline gives up
 * and leaves the queue, so it leaves nothing behind.
 */
export class LogonMutex {
  private held = false;
  private readonly waiters: Array<{ grant: () => void }> = [];

  get busy(): boolean {
    return this.held;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  /** Resolves true once the mutex is ours, or false if `timeoutMs` passed first. */
  acquire(timeoutMs?: number): Promise<boolean> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve(true);
    }
    return new Promise<boolean>((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const waiter = {
        grant: () => {
          if (timer !== undefined) clearTimeout(timer);
          resolve(true);
        },
      };
      this.waiters.push(waiter);
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          const i = this.waiters.indexOf(waiter);
          if (i >= 0) this.waiters.splice(i, 1);
          resolve(false);
        }, timeoutMs);
      }
    });
  }

  release(): void {
    const next = this.waiters.shift();
    if (next) next.grant();
    else this.held = false;
  }
}
