/**
 * Date values of `Date*` conditions: ISO 8601 (`2024-01-31`, `2024-01-31T12:00:00Z`,
 * `2024-01-31T12:00:00.5+02:00`) or seconds since the epoch (`1706702400`), as the IAM User Guide
 * ("Date condition operators") allows. Lenient the way IAM is: lower-case `t`/`z`, a one-digit
 * hour, a year without month.
 */

const ISO = /^(-?\d{1,9})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:t(?:(\d{1,2})(?::(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,9}))?)?)?)?(z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const MAX_EPOCH = 9223372036854775807n;

interface DateParts {
  year: number; month: number; day: number;
  hour: number; minute: number; second: number; fraction: string;
  zone: string | undefined;
}

function isoParts(text: string): DateParts | undefined {
  const m = ISO.exec(text.toLowerCase());
  if (!m) return undefined;
  const parts: DateParts = {
    year: Number(m[1]), month: m[2] ? Number(m[2]) : 1, day: m[3] ? Number(m[3]) : 1,
    hour: m[4] ? Number(m[4]) : 0, minute: m[5] ? Number(m[5]) : 0, second: m[6] ? Number(m[6]) : 0,
    fraction: m[7] ?? '', zone: m[8],
  };
  if (parts.year < -292275054 || parts.year > 292278993) return undefined;
  if (parts.month < 1 || parts.month > 12 || parts.day < 1 || parts.day > 31) return undefined;
  if (parts.hour > 23 || parts.minute > 59 || parts.second > 59) return undefined;
  if (parts.zone && parts.zone !== 'z') {
    const digits = parts.zone.slice(1).replace(':', '');
    if (Number(digits.slice(0, 2)) > 23 || (digits.length > 2 && Number(digits.slice(2)) > 59)) return undefined;
  }
  return parts;
}

/**
 * Whether IAM accepts the text as a date at write time (otherwise "The policy failed legacy
 * parsing"): an ISO form when it has a `t` or a `-`, else an epoch number from 0 to 2^63-1.
 */
export function isPolicyDate(text: string): boolean {
  const lower = text.toLowerCase();
  if (lower.includes('t') || lower.includes('-')) return isoParts(lower) !== undefined;
  if (!/^\d+$/.test(text)) return false;
  return BigInt(text) <= MAX_EPOCH;
}

let lastText: string | undefined;
let lastValue: number | undefined;

/**
 * Milliseconds since the epoch, or undefined when the text is not a date. The last answer is
 * kept: a request's aws:CurrentTime is read by every Date condition of every statement.
 */
export function parseDate(text: string): number | undefined {
  if (text === lastText) return lastValue;
  lastValue = parseDateUncached(text);
  lastText = text;
  return lastValue;
}

function parseDateUncached(text: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(text)) {
    // Epoch seconds. A bare four-digit number is still seconds, as IAM reads it.
    const seconds = Number(text);
    return Number.isFinite(seconds) ? seconds * 1000 : undefined;
  }
  const parts = isoParts(text);
  if (!parts) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(parts.year, parts.month - 1, parts.day);
  date.setUTCHours(parts.hour, parts.minute, parts.second, parts.fraction ? Math.floor(Number(`0.${parts.fraction}`) * 1000) : 0);
  let ms = date.getTime();
  if (parts.zone && parts.zone !== 'z') {
    const sign = parts.zone[0] === '-' ? -1 : 1;
    const digits = parts.zone.slice(1).replace(':', '');
    const offset = Number(digits.slice(0, 2)) * 60 + (digits.length > 2 ? Number(digits.slice(2)) : 0);
    ms -= sign * offset * 60_000;
  }
  return Number.isNaN(ms) ? undefined : ms;
}
