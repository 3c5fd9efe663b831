/** Time as Kiln sees it. Everything that waits or stamps a date asks a Clock, never `Date.now()`. */
export interface Clock {
  now(): Date;
}

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that stands still until a test moves it. */
export class ManualClock implements Clock {
  private ms: number;
  constructor(start: Date | string = '2026-01-01T00:00:00.000Z') {
    this.ms = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.ms);
  }
  set(to: Date | string): void {
    this.ms = new Date(to).getTime();
  }
  advance(seconds: number): Date {
    this.ms += seconds * 1000;
    return this.now();
  }
}

/** Real time plus an offset that only grows: what `--clock-control` moves forward while time keeps flowing. */
export class OffsetClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(seconds: number): Date {
    this.offsetMs += seconds * 1000;
    return this.now();
  }
}

/** ISO-8601 with milliseconds, as AWS prints dates: 2013-06-07T20:43:32.821Z */
export function isoDate(date: Date): string {
  return date.toISOString();
}
