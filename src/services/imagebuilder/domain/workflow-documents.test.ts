import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateCondition, parameterDetails, parseWorkflowDocument, resolveInputs } from './workflow-documents.js';

const DOC = `schemaVersion: 1.0
parameters:
  - name: size
    type: integer
    default: 3
  - name: regions
    type: stringList
    default: [us-east-1, eu-west-1]
  - name: note
    type: string
    description: free text
steps:
  - name: Launch
    action: LaunchInstance
    inputs:
      waitFor: ssmAgent
  - name: Wait
    action: WaitForAction
    onFailure: Continue
    if:
      and:
        - numberGreaterThan: 2
          value: $.parameters.size
        - not:
            stringEquals: skip
            value: $.parameters.note
`;

describe('workflow documents', () => {
  it('reads steps with their defaults (onFailure Abort, the action\'s default timeout) and the parameters', async () => {
    const doc = await parseWorkflowDocument(DOC, 'BUILD');
    assert.deepEqual(doc.steps.map((s) => [s.name, s.action, s.onFailure, s.timeoutSeconds]), [
      ['Launch', 'LaunchInstance', 'Abort', 4500], ['Wait', 'WaitForAction', 'Continue', 259200],
    ]);
    assert.deepEqual(parameterDetails(doc.parameters), [
      { name: 'size', type: 'integer', description: undefined, defaultValue: ['3'] },
      { name: 'regions', type: 'stringList', description: undefined, defaultValue: ['us-east-1', 'eu-west-1'] },
      { name: 'note', type: 'string', description: 'free text', defaultValue: undefined },
    ]);
  });

  it('accepts `schemaVersion: "1.0"` in JSON and rejects a step that names a later step', async () => {
    const json = JSON.stringify({ schemaVersion: '1.0', steps: [{ name: 'Pause', action: 'WaitForAction' }] });
    assert.equal((await parseWorkflowDocument(json, 'TEST')).steps.length, 1);
    await assert.rejects(parseWorkflowDocument('schemaVersion: 1.0\nsteps:\n  - name: Stop\n    action: TerminateInstance\n    inputs:\n      instanceId.$: $.stepOutputs.Later.instanceId\n', 'BUILD'),
      { name: 'AwsError', message: "The value supplied for parameter 'data' is not valid. Step 'Stop' refers to $.stepOutputs.Later, but no earlier step has that name." });
  });

  it('evaluates conditions, and leaves them undecided while a value they need is unknown', () => {
    const values: Record<string, unknown> = { '$.parameters.size': 3, '$.parameters.note': 'go' };
    const lookup = (path: string) => values[path];
    const condition = { and: [{ numberGreaterThan: 2, value: '$.parameters.size' }, { not: { stringEquals: 'skip', value: '$.parameters.note' } }] };
    assert.equal(evaluateCondition(condition, lookup), true);
    values['$.parameters.note'] = 'skip';
    assert.equal(evaluateCondition(condition, lookup), false);
    assert.equal(evaluateCondition({ stringEquals: 'RESUME', value: '$.stepOutputs.Wait.action' }, lookup), undefined);
    assert.equal(evaluateCondition({ or: [{ booleanEquals: true, value: '$.stepOutputs.Wait.ok' }, { numberLessThanEquals: 3, value: 3 }] }, lookup), true);
    assert.equal(evaluateCondition({ and: [{ booleanEquals: true, value: '$.stepOutputs.Wait.ok' }, { numberEquals: 1, value: 2 }] }, lookup), false);
  });

  it('resolves `.$` inputs to the values they refer to, keeping the others as written', () => {
    const lookup = (path: string) => (path === '$.stepOutputs.Launch.instanceId' ? 'i-0123' : undefined);
    assert.deepEqual(resolveInputs({ 'instanceId.$': '$.stepOutputs.Launch.instanceId', documentName: 'AWS-RunShellScript', 'other.$': '$.parameters.x' }, lookup),
      { instanceId: 'i-0123', documentName: 'AWS-RunShellScript', other: '$.parameters.x' });
  });
});
