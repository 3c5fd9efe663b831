import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AwsError } from '../../../kernel/errors.js';
import { checkSchedule } from './pipeline-schedules.js';

const PREFIX = "The value supplied for parameter 'schedule.scheduleExpression' is not valid. Invalid schedule expression. Details: ";

function refused(schedule: Parameters<typeof checkSchedule>[0]['schedule']): AwsError {
  try {
    checkSchedule({ schedule });
  } catch (error) {
    assert.ok(error instanceof AwsError);
    assert.equal(error.code, 'InvalidParameterValueException');
    return error;
  }
  assert.fail(`${JSON.stringify(schedule)} was accepted`);
}

describe('checkSchedule', () => {
  it('accepts no schedule, AWS cron and rate expressions, and IANA time zones', () => {
    checkSchedule({});
    checkSchedule({ schedule: { scheduleExpression: 'cron(0 0 * * ? *)' } });
    checkSchedule({ schedule: { scheduleExpression: 'rate(12 hours)', timezone: 'Asia/Tokyo' } });
  });

  it('words each kind of error as AWS does', () => {
    assert.equal(refused({ scheduleExpression: 'cron(0 0 * * ?)' }).message, `${PREFIX}Invalid CRON expression: error at position 9, details: Unexpected end of expression.`);
    assert.equal(refused({ scheduleExpression: 'rate(0 days)' }).message, `${PREFIX}Invalid RATE expression: The value 0 must be a whole number from 1 up to 100 years' worth of days.`);
    assert.equal(refused({ pipelineExecutionStartCondition: 'EXPRESSION_MATCH_ONLY' }).message, `${PREFIX}The expression must be a cron(...) or rate(...) expression.`);
    assert.equal(refused({ scheduleExpression: 'cron(0 0 * * ? *)', timezone: 'Nowhere/Land' }).message,
      "The value supplied for parameter 'schedule.timezone' is not valid. 'Nowhere/Land' is not a valid IANA time zone, e.g. 'Etc/UTC' or 'America/Los_Angeles'.");
  });
});
