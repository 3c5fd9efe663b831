import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isTimeZone, nextRunAfter, parseSchedule, ScheduleSyntaxError } from './cron.js';

/** The next `count` run times (ISO) after `from`. */
function runs(expression: string, from: string, count = 3, timezone = 'UTC', anchor = from): string[] {
  const schedule = parseSchedule(expression);
  const out: string[] = [];
  let after = new Date(from);
  for (let i = 0; i < count; i++) {
    const next = nextRunAfter(schedule, after, { timezone, anchorMs: new Date(anchor).getTime() });
    if (!next) break;
    out.push(next.toISOString());
    after = next;
  }
  return out;
}

function syntaxError(expression: string): ScheduleSyntaxError {
  try {
    parseSchedule(expression);
  } catch (error) {
    assert.ok(error instanceof ScheduleSyntaxError, String(error));
    return error;
  }
  assert.fail(`${expression} was accepted`);
}

describe('AWS cron() and rate() expressions', () => {
  it('reads the six fields: minutes, hours, day of month, month, day of week, year', () => {
    assert.deepEqual(runs('cron(0 10 * * ? *)', '2026-03-07T12:00:00Z'), ['2026-03-08T10:00:00.000Z', '2026-03-09T10:00:00.000Z', '2026-03-10T10:00:00.000Z']);
    assert.deepEqual(runs('cron(15 12 ? * MON-FRI *)', '2026-03-06T13:00:00Z'), ['2026-03-09T12:15:00.000Z', '2026-03-10T12:15:00.000Z', '2026-03-11T12:15:00.000Z']);
    assert.deepEqual(runs('cron(0/20 * * * ? *)', '2026-03-07T12:05:00Z'), ['2026-03-07T12:20:00.000Z', '2026-03-07T12:40:00.000Z', '2026-03-07T13:00:00.000Z']);
    assert.deepEqual(runs('cron(0 8 1 jan,jul ? 2027-2028)', '2026-03-07T12:00:00Z'), ['2027-01-01T08:00:00.000Z', '2027-07-01T08:00:00.000Z', '2028-01-01T08:00:00.000Z']);
    // Weekdays count from 1 = Sunday, as in AWS's table.
    assert.deepEqual(runs('cron(0 0 ? * 1 *)', '2026-03-07T12:00:00Z', 1), ['2026-03-08T00:00:00.000Z']);
    // A range may wrap around the end of its field.
    assert.deepEqual(runs('cron(0 23-1 * * ? *)', '2026-03-07T12:00:00Z'), ['2026-03-07T23:00:00.000Z', '2026-03-08T00:00:00.000Z', '2026-03-08T01:00:00.000Z']);
  });

  it('reads L, W and #', () => {
    assert.deepEqual(runs('cron(0 10 L * ? *)', '2026-01-31T12:00:00Z', 2), ['2026-02-28T10:00:00.000Z', '2026-03-31T10:00:00.000Z']);
    // 2026-03-15 is a Sunday: the nearest weekday is Monday the 16th.
    assert.deepEqual(runs('cron(0 10 15W * ? *)', '2026-03-01T00:00:00Z', 1), ['2026-03-16T10:00:00.000Z']);
    assert.deepEqual(runs('cron(0 10 LW * ? *)', '2026-05-01T00:00:00Z', 1), ['2026-05-29T10:00:00.000Z']);
    assert.deepEqual(runs('cron(0 10 ? * fri#2 *)', '2026-03-01T00:00:00Z', 2), ['2026-03-13T10:00:00.000Z', '2026-04-10T10:00:00.000Z']);
    assert.deepEqual(runs('cron(0 10 ? * 6L *)', '2026-03-01T00:00:00Z', 1), ['2026-03-27T10:00:00.000Z']);
  });

  it('keeps local times across daylight-saving changes', () => {
    // New York springs forward at 2:00 on 2026-03-08: 2:30 does not exist that day and runs at 3:00 EDT.
    assert.deepEqual(runs('cron(30 2 * * ? *)', '2026-03-07T12:00:00Z', 3, 'America/New_York'),
      ['2026-03-08T07:00:00.000Z', '2026-03-09T06:30:00.000Z', '2026-03-10T06:30:00.000Z']);
    // It falls back on 2026-11-01: 1:30 happens twice and runs once.
    assert.deepEqual(runs('cron(30 1 * * ? *)', '2026-10-31T12:00:00Z', 2, 'America/New_York'), ['2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z']);
    // 9:00 in Paris is 8:00 UTC in winter, 7:00 UTC in summer.
    assert.deepEqual(runs('cron(0 9 * * ? *)', '2026-03-28T12:00:00Z', 2, 'Europe/Paris'), ['2026-03-29T07:00:00.000Z', '2026-03-30T07:00:00.000Z']);
  });

  it('runs a rate every interval from its anchor, and never again after the last year of a cron', () => {
    assert.deepEqual(runs('rate(1 day)', '2026-03-07T12:00:00Z'), ['2026-03-08T12:00:00.000Z', '2026-03-09T12:00:00.000Z', '2026-03-10T12:00:00.000Z']);
    assert.deepEqual(runs('rate(90 minutes)', '2026-03-07T12:00:00Z', 2, 'UTC', '2026-03-07T11:00:00Z'), ['2026-03-07T12:30:00.000Z', '2026-03-07T14:00:00.000Z']);
    assert.deepEqual(runs('rate(2 hours)', '2026-03-07T12:00:00Z', 1, 'UTC', '2026-03-07T12:00:00Z'), ['2026-03-07T14:00:00.000Z']);
    assert.deepEqual(runs('cron(0 0 1 1 ? 2026)', '2026-06-01T00:00:00Z'), []);
  });

  it('refuses what AWS refuses, with the position and a Quartz-style detail', () => {
    const cases: Array<[string, number | undefined, RegExp]> = [
      // AWS's own answer to a five-field cron.
      ['cron(0 0 * * ?)', 9, /^Unexpected end of expression\.$/],
      ['cron(0 0 * * SUN)', 11, /^Unexpected end of expression\.$/],
      ['cron(0 0 * * * *)', 8, /both a day-of-week AND a day-of-month/],
      ['cron(0 0 ? * ? *)', 8, /'\?' can only be specified for Day-of-Month -OR- Day-of-Week/],
      ['cron(? 0 * * ? *)', 0, /'\?' can only be specified for Day-of-Month or Day-of-Week/],
      ['cron(60 0 * * ? *)', 0, /Minute values must be between 0 and 59/],
      ['cron(0 24 * * ? *)', 2, /Hour values must be between 0 and 23/],
      ['cron(0 0 32 * ? *)', 4, /Day of month values must be between 1 and 31/],
      ['cron(0 0 * 13 ? *)', 6, /Month values must be between 1 and 12/],
      ['cron(0 0 ? * 8 *)', 8, /Day-of-Week values must be between 1 and 7/],
      ['cron(0 0 * * ? 1969)', 10, /Year values must be between 1970 and 2199/],
      ['cron(0 0 * FOO ? *)', 6, /Invalid Month value: 'FOO'/],
      ['cron(0 0 ? * FUN *)', 8, /Invalid Day-of-Week value: 'FUN'/],
      ['cron(0 0 ? * 2#6 *)', 9, /A numeric value between 1 and 5 must follow the '#' option/],
      ['cron(0 L * * ? *)', 2, /'L' option is not valid here/],
      ['cron(0 0 * * ? 2026W)', 14, /'W' option is not valid here/],
      ['cron(0 0 1#2 * ? *)', 5, /'#' option is not valid here/],
      ['cron(0 0 ? * */2 *)', 9, /'\/' is not allowed in the Day-of-week field/],
      ['cron(*/0 0 * * ? *)', 2, /Increment must be between 1 and 60/],
      ['cron(0 0 * * ? * *)', 12, /Expected 6 fields but found 7/],
      ['cron(0  0 * * ? *)', 2, /single spaces/],
      ['cron(0 0 * * ? x)', 10, /Illegal characters for this position: 'X'/],
    ];
    for (const [expression, position, detail] of cases) {
      const error = syntaxError(expression);
      assert.equal(error.kind, 'cron', expression);
      assert.equal(error.position, position, `${expression}: ${error.detail}`);
      assert.match(error.detail, detail, expression);
    }
    for (const expression of ['rate(1 days)', 'rate(2 hour)', 'rate(0 minutes)', 'rate(5 weeks)', 'rate(-1 days)', 'rate(1  day)']) {
      assert.equal(syntaxError(expression).kind, 'rate', expression);
    }
    for (const expression of ['0 0 * * ? *', 'cron 0 0 * * ? *', 'CRON(0 0 * * ? *)', 'at(2026-01-01T00:00:00)']) {
      assert.equal(syntaxError(expression).kind, 'expression', expression);
    }
  });

  it('knows IANA time zones', () => {
    assert.ok(isTimeZone('America/Los_Angeles'));
    assert.ok(isTimeZone('Etc/UTC'));
    assert.ok(!isTimeZone('Mars/Olympus_Mons'));
  });
});
