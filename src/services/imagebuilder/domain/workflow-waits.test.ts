import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { StepRecord, WorkflowExecutionRecord } from './workflow-executions.js';
import { waitStartOf } from './workflow-waits.js';

const step = (name: string, action: string, extra: Partial<StepRecord> = {}): StepRecord => ({
  stepExecutionId: `step-${name}`, name, action, description: '', onFailure: 'Abort', timeoutSeconds: 60, status: 'PENDING', inputs: '{}', ...extra,
});

const record = (steps: StepRecord[], extra: Partial<WorkflowExecutionRecord> = {}): WorkflowExecutionRecord => ({
  workflowExecutionId: 'wf-1', workflowBuildVersionArn: 'arn', imageBuildVersionArn: 'image', type: 'BUILD', status: 'RUNNING',
  startTime: '2026-01-01T00:00:00.000Z', plannedEndTime: '2026-01-01T00:00:10.000Z', steps, ...extra,
});

describe('waitStartOf', () => {
  it('is when the first WaitForAction step\'s share of the stage begins, counting only the steps still open', () => {
    const steps = [step('A', 'LaunchInstance'), step('W', 'WaitForAction'), step('B', 'CreateImage'), step('C', 'TerminateInstance'), step('D', 'RunCommand')];
    assert.equal(new Date(waitStartOf(record(steps))!).toISOString(), '2026-01-01T00:00:02.000Z');
    // A skipped (settled) step takes no share: W is the first of four open steps after a resume at 4 s.
    const skipped = [step('A', 'LaunchInstance', { status: 'SKIPPED', settled: true }), ...steps.slice(1)];
    assert.equal(new Date(waitStartOf(record(skipped, { segmentStartTime: '2026-01-01T00:00:04.000Z' }))!).toISOString(), '2026-01-01T00:00:04.000Z');
  });

  it('is undefined without a WaitForAction step still to run, or while the workflow is paused or over', () => {
    assert.equal(waitStartOf(record([step('A', 'LaunchInstance')])), undefined);
    assert.equal(waitStartOf(record([step('W', 'WaitForAction', { status: 'COMPLETED', settled: true })])), undefined);
    assert.equal(waitStartOf(record([step('W', 'WaitForAction')], { paused: true })), undefined);
    assert.equal(waitStartOf(record([step('W', 'WaitForAction')], { status: 'COMPLETED' })), undefined);
  });
});
