/** Per-user cooldowns on a command: one use per `seconds`, measured with an injectable clock. */
export class Cooldowns {
  private readonly last = new Map<string, number>();
  private readonly seconds: number;
  private readonly now: () => number;

  constructor(seconds: number, now: () => number = Date.now) {
    this.seconds = seconds;
    this.now = now;
  }

  /** 0 when `user` may use `command` now (and the use is counted), else the seconds left to wait. */
  take(command: string, user: string): number {
    if (this.seconds <= 0) return 0;
    const key = `${command}:${user}`;
    const t = this.now();
    const previous = this.last.get(key);
    if (previous !== undefined && t - previous < this.seconds * 1000)
      return Math.ceil((this.seconds * 1000 - (t - previous)) / 1000);
    this.last.set(key, t);
    if (this.last.size > 50_000) this.prune(t);
    return 0;
  }

  private prune(t: number): void {
    for (const [key, at] of this.last) if (t - at >= this.seconds * 1000) this.last.delete(key);
  }
}
