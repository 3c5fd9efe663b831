/**
 * AWS schedule expressions, as EventBridge-style services (Image Builder among them) accept them:
 *
 *   cron(Minutes Hours Day-of-month Month Day-of-week Year)   six fields, single spaces
 *   rate(Value Unit)                                          minute(s) | hour(s) | day(s)
 *
 * Fields and their special characters (Image Builder User Guide, "Use cron expressions"):
 *   Minutes 0-59 `, - * /` | Hours 0-23 `, - * /` | Day-of-month 1-31 `, - * ? / L W` |
 *   Month 1-12 or JAN-DEC `, - * /` | Day-of-week 1-7 or SUN-SAT `, - * ? L #` | Year 1970-2199 `, - * /`
 * and exactly one of the two day fields is `?`.
 *
 * This module checks that syntax itself (croner accepts much that AWS refuses) and hands croner a
 * normalised 7-part pattern (seconds first) for the time arithmetic, including time zones and
 * daylight-saving changes. A syntax error carries the position in the expression and a detail in
 * the style AWS's messages show (Quartz-like: `error at position 9, details: Unexpected end of
 * expression.` for a five-field cron is AWS's own; the other details are Kiln's, in that style).
 */
import { Cron } from 'croner';

export class ScheduleSyntaxError extends Error {
  constructor(readonly kind: 'cron' | 'rate' | 'expression', readonly detail: string, readonly position?: number) {
    super(detail);
  }
}

export type ParsedSchedule =
  | { kind: 'cron'; /** croner's 7-part pattern */ pattern: string }
  | { kind: 'rate'; everyMs: number };

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  /** How Quartz words a value out of range. */
  rangeText: string;
  names?: string[];
  question?: boolean;
  step?: boolean;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const FIELDS: FieldSpec[] = [
  { name: 'Minutes', min: 0, max: 59, rangeText: 'Minute values must be between 0 and 59', step: true },
  { name: 'Hours', min: 0, max: 23, rangeText: 'Hour values must be between 0 and 23', step: true },
  { name: 'Day-of-month', min: 1, max: 31, rangeText: 'Day of month values must be between 1 and 31', question: true, step: true },
  { name: 'Month', min: 1, max: 12, rangeText: 'Month values must be between 1 and 12', names: MONTHS, step: true },
  { name: 'Day-of-week', min: 1, max: 7, rangeText: 'Day-of-Week values must be between 1 and 7', names: WEEKDAYS, question: true },
  { name: 'Year', min: 1970, max: 2199, rangeText: 'Year values must be between 1970 and 2199', step: true },
];
const DAY_OF_MONTH = 2;
const DAY_OF_WEEK = 4;

const RATE_UNITS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

const parsed = new Map<string, ParsedSchedule>();

/** Parses `cron(...)` or `rate(...)`; throws ScheduleSyntaxError. Remembers what it parsed (a scheduler reads the same expressions again and again). */
export function parseSchedule(expression: string): ParsedSchedule {
  let schedule = parsed.get(expression);
  if (!schedule) {
    schedule = parseUncached(expression);
    // Bounded, as the croner cache below.
    if (parsed.size >= 10_000) parsed.clear();
    parsed.set(expression, schedule);
  }
  return schedule;
}

function parseUncached(expression: string): ParsedSchedule {
  const cron = /^cron\((.*)\)$/s.exec(expression);
  if (cron) return { kind: 'cron', pattern: parseAwsCron(cron[1]) };
  const rate = /^rate\((.*)\)$/s.exec(expression);
  if (rate) return { kind: 'rate', everyMs: parseRate(rate[1]) };
  throw new ScheduleSyntaxError('expression', 'The expression must be a cron(...) or rate(...) expression.');
}

/** `5 minutes`, `1 hour`, `2 days`: a positive whole number, singular unit exactly when it is 1. */
export function parseRate(body: string): number {
  const m = /^([0-9]+) ([a-z]+)$/.exec(body);
  if (!m) throw new ScheduleSyntaxError('rate', `'${body}' is not of the form '<value> <unit>', e.g. '1 day' or '12 hours'.`);
  const value = Number(m[1]);
  const unit = m[2];
  const singular = unit.endsWith('s') ? unit.slice(0, -1) : unit;
  if (!(singular in RATE_UNITS)) throw new ScheduleSyntaxError('rate', `Unknown unit '${unit}'; use minute(s), hour(s) or day(s).`);
  if (value < 1 || !Number.isSafeInteger(value) || value * RATE_UNITS[singular] > 100 * 365 * 86_400_000) {
    throw new ScheduleSyntaxError('rate', `The value ${m[1]} must be a whole number from 1 up to 100 years' worth of ${singular}s.`);
  }
  if ((value === 1) !== (unit === singular)) {
    throw new ScheduleSyntaxError('rate', value === 1 ? `Use the singular unit '${singular}' for the value 1.` : `Use the plural unit '${singular}s' for a value other than 1.`);
  }
  return value * RATE_UNITS[singular];
}

/** Checks the six AWS fields and returns croner's 7-part pattern (seconds first). */
export function parseAwsCron(body: string): string {
  const fields: Array<{ text: string; at: number }> = [];
  let at = 0;
  for (const text of body.split(' ')) {
    fields.push({ text, at });
    at += text.length + 1;
  }
  const empty = fields.find((f) => f.text === '');
  if (body.trim() === '' || fields.length < FIELDS.length && !empty) throw new ScheduleSyntaxError('cron', 'Unexpected end of expression.', body.length);
  if (empty) throw new ScheduleSyntaxError('cron', 'Fields are separated by single spaces, without leading or trailing spaces.', empty.at);
  if (fields.length > FIELDS.length) throw new ScheduleSyntaxError('cron', `Expected 6 fields but found ${fields.length}.`, fields[FIELDS.length].at);

  const parts = fields.map((f, i) => parseField(FIELDS[i], f.text, f.at, i));
  const [dom, dow] = [parts[DAY_OF_MONTH], parts[DAY_OF_WEEK]];
  if (dom === '?' && dow === '?') throw new ScheduleSyntaxError('cron', "'?' can only be specified for Day-of-Month -OR- Day-of-Week.", fields[DAY_OF_WEEK].at);
  if (dom !== '?' && dow !== '?') {
    throw new ScheduleSyntaxError('cron', 'Support for specifying both a day-of-week AND a day-of-month parameter is not implemented.', fields[DAY_OF_WEEK].at);
  }
  // croner reads `*` in one day field as "the other field decides" (its OR mode), which is `?`.
  return ['0', ...parts.map((p) => (p === '?' ? '*' : p))].join(' ');
}

function parseField(spec: FieldSpec, text: string, at: number, index: number): string {
  if (text.includes('?')) {
    if (!spec.question) throw new ScheduleSyntaxError('cron', "'?' can only be specified for Day-of-Month or Day-of-Week.", at + text.indexOf('?'));
    if (text !== '?') throw new ScheduleSyntaxError('cron', `Illegal character after '?': ${text[text.indexOf('?') + 1] ?? text[0]}`, at + text.indexOf('?'));
    return '?';
  }
  const upper = text.toUpperCase();
  if (index === DAY_OF_MONTH) {
    if (upper === 'L' || upper === 'LW') return upper;
    const weekday = /^([0-9]+)W$/.exec(upper);
    if (weekday) return `${number(spec, weekday[1], at)}W`;
  }
  if (index === DAY_OF_WEEK) {
    // `L` alone is the last day of the week (7, Saturday), as in Quartz; `5L` the month's last Thursday.
    if (upper === 'L') return '7';
    const last = /^([0-9]+|[A-Z]{3})L$/.exec(upper);
    if (last) return `${value(spec, last[1], at)}L`;
    const nth = /^([0-9]+|[A-Z]{3})#(.*)$/.exec(upper);
    if (nth) {
      if (!/^[1-5]$/.test(nth[2])) throw new ScheduleSyntaxError('cron', "A numeric value between 1 and 5 must follow the '#' option", at + upper.indexOf('#'));
      return `${value(spec, nth[1], at)}#${nth[2]}`;
    }
  }
  if (upper.includes('#')) throw new ScheduleSyntaxError('cron', `'#' option is not valid here. (pos=${at + upper.indexOf('#')})`, at + upper.indexOf('#'));
  for (const word of upper.matchAll(/[A-Z]+/g)) {
    if (spec.names?.includes(word[0])) continue;
    const option = /[LW]/.exec(word[0]);
    if (option) {
      const pos = at + word.index! + option.index;
      throw new ScheduleSyntaxError('cron', `'${option[0]}' option is not valid here. (pos=${pos})`, pos);
    }
  }
  if (!/^[0-9A-Z,\-*/]+$/.test(upper)) throw new ScheduleSyntaxError('cron', `Illegal characters for this position: '${upper}'`, at);
  if (upper === '*') return '*';
  const values = new Set<number>();
  let offset = at;
  for (const item of upper.split(',')) {
    for (const v of expandItem(spec, item, offset)) values.add(v);
    offset += item.length + 1;
  }
  return [...values].sort((a, b) => a - b).join(',');
}

/** One list item: `*`, `*\/n`, `a`, `a-b`, `a/n`, `a-b/n`; a range may wrap (FRI-MON, 22-2), as in Quartz. */
function expandItem(spec: FieldSpec, item: string, at: number): number[] {
  if (item === '') throw new ScheduleSyntaxError('cron', `Illegal characters for this position: '${item}'`, at);
  const [range, stepText, extra] = item.split('/');
  if (extra !== undefined) throw new ScheduleSyntaxError('cron', `Illegal characters for this position: '${item}'`, at);
  let step = 1;
  if (stepText !== undefined) {
    if (!spec.step) throw new ScheduleSyntaxError('cron', `'/' is not allowed in the ${spec.name} field.`, at + range.length);
    if (!/^[0-9]+$/.test(stepText)) throw new ScheduleSyntaxError('cron', `Illegal characters for this position: '${item}'`, at);
    step = Number(stepText);
    const span = spec.max - spec.min + 1;
    if (step < 1 || step > span) throw new ScheduleSyntaxError('cron', `Increment must be between 1 and ${span} : ${stepText}`, at + range.length + 1);
  }
  let from: number;
  let to: number;
  if (range === '*') {
    [from, to] = [spec.min, spec.max];
  } else {
    const [a, b, more] = range.split('-');
    if (more !== undefined || a === '' || b === '') throw new ScheduleSyntaxError('cron', `Illegal characters for this position: '${item}'`, at);
    from = value(spec, a, at);
    // `a/n` runs from a to the end of the field.
    to = b !== undefined ? value(spec, b, at + a.length + 1) : stepText !== undefined ? spec.max : from;
  }
  const out: number[] = [];
  const span = spec.max - spec.min + 1;
  const length = (to - from + span) % span;
  for (let k = 0; k <= length; k += step) out.push(((from - spec.min + k) % span) + spec.min);
  return out;
}

/** A number or (Month, Day-of-week) a three-letter name, within the field's range. */
function value(spec: FieldSpec, text: string, at: number): number {
  if (/^[A-Z]+$/.test(text)) {
    const found = spec.names?.indexOf(text) ?? -1;
    if (found < 0) {
      if (spec.names) throw new ScheduleSyntaxError('cron', `Invalid ${spec.name === 'Month' ? 'Month' : 'Day-of-Week'} value: '${text}'`, at);
      throw new ScheduleSyntaxError('cron', `Illegal characters for this position: '${text}'`, at);
    }
    return found + 1;
  }
  return number(spec, text, at);
}

function number(spec: FieldSpec, text: string, at: number): number {
  if (!/^[0-9]+$/.test(text)) throw new ScheduleSyntaxError('cron', `Illegal characters for this position: '${text}'`, at);
  const n = Number(text);
  if (n < spec.min || n > spec.max) throw new ScheduleSyntaxError('cron', spec.rangeText, at);
  return n;
}

/** Whether `timezone` is an IANA time zone this runtime knows. */
export function isTimeZone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

const crons = new Map<string, Cron>();

/** IANA names of UTC itself (no offset, no daylight saving). */
const UTC_ZONES = new Set(['UTC', 'Etc/UTC', 'Etc/UCT', 'UCT', 'Etc/Universal', 'Universal', 'Etc/Zulu', 'Zulu', 'GMT', 'Etc/GMT', 'Etc/GMT0', 'Etc/GMT+0', 'Etc/GMT-0', 'GMT0', 'GMT+0', 'GMT-0', 'Etc/Greenwich', 'Greenwich']);

function cronFor(pattern: string, timezone: string): Cron {
  const key = `${timezone} ${pattern}`;
  let cron = crons.get(key);
  if (!cron) {
    // Bounded: a map of every expression ever seen would grow without end on a long-lived server.
    if (crons.size >= 10_000) crons.clear();
    // UTC by offset: croner then does plain date arithmetic instead of an Intl round trip per
    // candidate time (several times faster, and UTC is the default and most common zone).
    const zone = UTC_ZONES.has(timezone) ? { utcOffset: 0 } : { timezone };
    cron = new Cron(pattern, { mode: '7-part', alternativeWeekdays: true, sloppyRanges: true, ...zone });
    crons.set(key, cron);
  }
  return cron;
}

/**
 * The first time strictly after `after` that the schedule fires, or undefined when it never does
 * again (a cron whose years are past). A rate fires every interval counted from `anchorMs`.
 */
export function nextRunAfter(schedule: ParsedSchedule, after: Date, options: { timezone: string; anchorMs: number }): Date | undefined {
  if (schedule.kind === 'rate') {
    const elapsed = after.getTime() - options.anchorMs;
    const intervals = elapsed < 0 ? 1 : Math.floor(elapsed / schedule.everyMs) + 1;
    return new Date(options.anchorMs + intervals * schedule.everyMs);
  }
  return cronFor(schedule.pattern, options.timezone).nextRun(after) ?? undefined;
}
