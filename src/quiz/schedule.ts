/** Daily times in a time zone: "09:30 in Europe/Paris" as the next instant after now, daylight saving included. */
import { UserError } from '../errors.js';

export const DEFAULT_TIMEZONE = 'UTC';

/** Check a time zone name (IANA, e.g. Europe/Paris); throws a UserError that says how to fix it. */
export function checkTimezone(timezone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: timezone }).resolvedOptions().timeZone;
  } catch {
    throw new UserError(
      'BAD_INPUT',
      `"${timezone}" is not a time zone. Use a name like Europe/Paris, America/New_York or UTC.`,
    );
  }
}

/** "HH:MM" (24-hour) to [hours, minutes]; throws a UserError. */
export function parseTime(time: string): [number, number] {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(time.trim());
  if (!m) throw new UserError('BAD_INPUT', `"${time}" is not a time. Use 24-hour HH:MM, like 09:30 or 18:00.`);
  return [Number(m[1]), Number(m[2])];
}

/** Minutes the zone is ahead of UTC at an instant. */
function offsetMinutes(timezone: string, at: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(at / 1000) * 1000) / 60_000);
}

/** The next instant after `now` when the clock in `timezone` reads `time`. */
export function nextOccurrence(time: string, timezone: string, now: number): number {
  const [hours, minutes] = parseTime(time);
  const zone = checkTimezone(timezone);
  const local = new Date(now + offsetMinutes(zone, now) * 60_000);
  for (let day = 0; day <= 2; day++) {
    const wall = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + day, hours, minutes);
    // Two passes settle the offset across a daylight-saving change.
    let at = wall - offsetMinutes(zone, wall) * 60_000;
    at = wall - offsetMinutes(zone, at) * 60_000;
    if (at > now) return at;
  }
  throw new Error('unreachable: a daily time always recurs within two days');
}
