// Requests started as the user types or switches lists: wait for a pause, and keep only the newest answer.

/** Calls `run` once typing pauses for `ms`; a newer call cancels the pending one. */
export class Debouncer {
  private timer: ReturnType<typeof setTimeout> | undefined;
  constructor(private readonly ms: number) {}

  call(run: () => void): void {
    this.cancel();
    this.timer = setTimeout(run, this.ms);
  }

  cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/** Numbers requests so that only the answer to the latest one is used (answers may arrive out of order). */
export class LatestOnly {
  private seq = 0;
  next(): number {
    this.seq += 1;
    return this.seq;
  }
  isLatest(ticket: number): boolean {
    return ticket === this.seq;
  }
}
