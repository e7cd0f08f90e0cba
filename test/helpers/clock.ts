import type { Clock, TimerHandle } from '../../src/util/clock.js';

/** A clock that moves only when told to: `advance(ms)` fires the timers that come due, in order. */
export class FakeClock implements Clock {
  private t: number;
  private seq = 1;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();

  constructor(start: number = Date.parse('2026-11-30T08:00:00Z')) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this.seq++;
    this.timers.set(id, { at: this.t + Math.max(0, ms), fn });
    return { id };
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers.delete(handle.id);
  }

  advance(ms: number): void {
    const target = this.t + ms;
    for (;;) {
      let next: [number, { at: number; fn: () => void }] | undefined;
      for (const entry of this.timers) if (entry[1].at <= target && (!next || entry[1].at < next[1].at)) next = entry;
      if (!next) break;
      this.timers.delete(next[0]);
      this.t = next[1].at;
      next[1].fn();
    }
    this.t = target;
  }

  get pending(): number {
    return this.timers.size;
  }
}
