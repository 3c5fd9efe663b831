/**
 * The component-document validator against a table of documents: valid ones (with the type they
 * make) and invalid ones, each with where (line) and what AWSTOE's rules say is wrong.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentProblem, validateComponentDocument } from './validate.js';

/** A document with one phase whose steps are given as YAML lines (indented as list items of `steps`). */
function phaseDoc(phase: string, steps: string[], top: string[] = []): string {
  return ['schemaVersion: 1.0', ...top, 'phases:', `  - name: ${phase}`, '    steps:', ...steps.map((l) => `      ${l}`), ''].join('\n');
}
const buildDoc = (steps: string[], top: string[] = []) => phaseDoc('build', steps, top);
const bash = (name: string, command = 'echo hi') => [`- name: ${name}`, '  action: ExecuteBash', '  inputs:', '    commands:', `      - ${command}`];

interface Case {
  title: string;
  doc: string;
  platform?: string;
  type?: 'BUILD' | 'TEST';
  /** The expected problem, and the line it is reported at. */
  error?: { line?: number; includes: string };
}

const README_EXAMPLE = 'schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: Hello\n        action: ExecuteBash\n        inputs:\n          commands: [echo hello]\n';

const WINDOWS_EXAMPLE = `name: RunConfig_UpdateWindows
description: Windows updates, a config script, validation and a test
schemaVersion: 1.0
phases:
  - name: build
    steps:
      - name: DownloadConfigScript
        action: S3Download
        timeoutSeconds: 60
        onFailure: Abort
        maxAttempts: 3
        inputs:
          - source: 's3://customer-bucket/config.ps1'
            destination: 'C:\\config.ps1'
      - name: RunConfigScript
        action: ExecutePowerShell
        inputs:
          file: '{{build.DownloadConfigScript.inputs[0].destination}}'
      - name: RebootAfterConfigApplied
        action: Reboot
        inputs:
          delaySeconds: 60
      - name: InstallWindowsUpdates
        action: UpdateOS
  - name: test
    steps:
      - name: Probe
        action: ExecutePowerShell
        inputs:
          commands:
            - Write-Host ok
`;

const VALID: Case[] = [
  { title: 'the README example', doc: README_EXAMPLE, type: 'BUILD' },
  { title: 'a JSON document', doc: JSON.stringify({ schemaVersion: '1.0', phases: [{ name: 'build', steps: [{ name: 'A', action: 'ExecuteBash', inputs: { commands: ['echo a'] } }] }] }), type: 'BUILD' },
  { title: 'only a test phase: a TEST component', doc: phaseDoc('test', bash('Probe')), type: 'TEST' },
  { title: 'test and container-host-test phases: a TEST component', doc: ['schemaVersion: 1.0', 'phases:', '  - name: test', '    steps:', ...bash('A').map((l) => `      ${l}`), '  - name: container-host-test', '    steps:', ...bash('B').map((l) => `      ${l}`), ''].join('\n'), type: 'TEST' },
  { title: "AWS's Windows example (S3Download, chaining to inputs[0], Reboot, UpdateOS without inputs)", doc: WINDOWS_EXAMPLE, platform: 'Windows', type: 'BUILD' },
  { title: 'schemaVersion quoted', doc: README_EXAMPLE.replace('1.0', '"1.0"'), type: 'BUILD' },
  { title: "chaining to an earlier step's stdout", doc: buildDoc([...bash('Version', 'cat /etc/version'), ...bash('Use', "'echo {{ build.Version.outputs.stdout }}'")]), type: 'BUILD' },
  { title: 'a parameter and a constant referred to', doc: buildDoc(bash('Greet', "'echo {{ Greeting }} {{ Target }}'"), ['parameters:', '  - Greeting:', '      type: string', '      default: hi', 'constants:', '  - Target:', '      type: string', '      value: world']), type: 'BUILD' },
  { title: 'a named for loop and its iteration variables', doc: buildDoc(['- name: Count', '  action: ExecuteBash', '  loop:', '    name: counter', '    for: {start: 1, end: 3, updateBy: 1}', '  inputs:', '    commands:', "      - 'echo {{ counter.index }} {{ loop.value }}'"]), type: 'BUILD' },
  { title: 'a forEach loop over a delimited list', doc: buildDoc(['- name: Each', '  action: ExecuteBash', '  loop:', '    forEach:', '      list: a;b;c', "      delimiter: ';'", '  inputs:', '    commands:', "      - 'echo {{ loop.value }}'"]), type: 'BUILD' },
  { title: 'onFailure, maxAttempts and an infinite timeout', doc: buildDoc(['- name: Retry', '  action: ExecuteBash', '  onFailure: Continue', '  maxAttempts: 3', '  timeoutSeconds: -1', '  inputs:', '    commands: [echo hi]']), type: 'BUILD' },
  { title: "braces that are not AWSTOE's (docker --format) left alone", doc: buildDoc(bash('Inspect', "docker inspect --format '{{ .State.Running }}' web")), type: 'BUILD' },
  { title: 'ExecuteDocument with its fixed settings left out', doc: buildDoc(['- name: Nested', '  action: ExecuteDocument', '  inputs:', '    document: arn:aws:imagebuilder:us-east-1:aws:component/hello/1.0.0', '    phases: build', '    parameters:', '      - name: p', '        value: v']), type: 'BUILD' },
];

const INVALID: Case[] = [
  // The document
  { title: 'not YAML', doc: 'schemaVersion: 1.0\nphases: [unclosed\n', error: { includes: 'not valid YAML or JSON' } },
  { title: 'a key given twice', doc: 'schemaVersion: 1.0\nschemaVersion: 1.0\nphases: []\n', error: { line: 2, includes: 'Map keys must be unique' } },
  { title: 'a list at the top', doc: '- name: build\n', error: { line: 1, includes: 'must be a mapping' } },
  { title: 'no schemaVersion', doc: 'phases:\n  - name: build\n    steps: []\n', error: { line: 1, includes: "no 'schemaVersion'" } },
  { title: 'schemaVersion 2.0', doc: README_EXAMPLE.replace('1.0', '2.0'), error: { line: 1, includes: 'schemaVersion 2.0 is not supported' } },
  { title: 'an unknown top-level field', doc: `${README_EXAMPLE}phase: build\n`, error: { line: 9, includes: "unknown field 'phase' in a component document" } },
  { title: 'no phases', doc: 'schemaVersion: 1.0\n', error: { includes: "has no 'phases'" } },
  { title: 'an empty phases list', doc: 'schemaVersion: 1.0\nphases: []\n', error: { line: 2, includes: "'phases' must be a non-empty list" } },
  // Phases
  { title: 'an unknown phase name', doc: phaseDoc('install', bash('A')), error: { line: 3, includes: "unknown phase 'install'" } },
  { title: 'a phase given twice', doc: `${README_EXAMPLE}  - name: build\n    steps:\n      - name: B\n        action: ExecuteBash\n        inputs:\n          commands: [echo]\n`, error: { line: 9, includes: "the phase 'build' appears twice" } },
  { title: 'only container-host-test', doc: phaseDoc('container-host-test', bash('A')), error: { includes: "at least one of the phases 'build', 'validate' and 'test'" } },
  { title: 'a phase without steps', doc: 'schemaVersion: 1.0\nphases:\n  - name: build\n', error: { line: 3, includes: "the phase has no 'steps'" } },
  { title: 'an empty steps list', doc: 'schemaVersion: 1.0\nphases:\n  - name: build\n    steps: []\n', error: { line: 4, includes: "'steps' must be a non-empty list" } },
  // Steps
  { title: 'a step that is a string', doc: buildDoc(['- echo hello']), error: { line: 5, includes: 'each step must be a mapping' } },
  { title: 'a step without a name', doc: buildDoc(['- action: ExecuteBash', '  inputs:', '    commands: [echo]']), error: { line: 5, includes: "a step has no 'name'" } },
  { title: 'two steps with one name', doc: buildDoc([...bash('Same'), ...bash('Same')]), error: { line: 10, includes: "the step name 'Same' appears twice" } },
  { title: 'a step without an action', doc: buildDoc(['- name: A', '  inputs:', '    commands: [echo]']), error: { line: 5, includes: "the step has no 'action'" } },
  { title: 'an unknown action', doc: buildDoc(['- name: A', '  action: RunScript', '  inputs: {commands: [echo]}']), error: { line: 6, includes: "unknown action 'RunScript'" } },
  { title: 'an action in the wrong case', doc: buildDoc(['- name: A', '  action: executebash', '  inputs: {commands: [echo]}']), error: { line: 6, includes: 'did you mean ExecuteBash?' } },
  { title: 'an unknown step field', doc: buildDoc(['- name: A', '  action: ExecuteBash', '  onfailure: Continue', '  inputs: {commands: [echo]}']), error: { line: 7, includes: "unknown field 'onfailure' in a step" } },
  { title: 'onFailure Stop', doc: buildDoc(['- name: A', '  action: ExecuteBash', '  onFailure: Stop', '  inputs: {commands: [echo]}']), error: { line: 7, includes: "onFailure must be Abort, Continue or Ignore, not 'Stop'" } },
  { title: 'maxAttempts 0', doc: buildDoc(['- name: A', '  action: ExecuteBash', '  maxAttempts: 0', '  inputs: {commands: [echo]}']), error: { line: 7, includes: 'maxAttempts must be a whole number of at least 1, not 0' } },
  { title: 'timeoutSeconds 0', doc: buildDoc(['- name: A', '  action: ExecuteBash', '  timeoutSeconds: 0', '  inputs: {commands: [echo]}']), error: { line: 7, includes: 'timeoutSeconds must be a positive whole number' } },
  { title: 'timeoutSeconds -5', doc: buildDoc(['- name: A', '  action: ExecuteBash', '  timeoutSeconds: -5', '  inputs: {commands: [echo]}']), error: { line: 7, includes: '-1 for no timeout' } },
  { title: 'ExecuteDocument with retries', doc: buildDoc(['- name: A', '  action: ExecuteDocument', '  maxAttempts: 2', '  inputs: {document: doc.yaml}']), error: { line: 7, includes: 'action ExecuteDocument runs once' } },
  // Inputs
  { title: 'S3Download with an empty inputs list', doc: buildDoc(['- name: Download', '  action: S3Download', '  inputs: []']), error: { line: 7, includes: "action S3Download has no inputs; it requires 'inputs'" } },
  { title: 'ExecuteBash without inputs', doc: buildDoc(['- name: A', '  action: ExecuteBash']), error: { line: 5, includes: "action ExecuteBash has no inputs" } },
  { title: 'ExecuteBash inputs as a list', doc: buildDoc(['- name: A', '  action: ExecuteBash', '  inputs:', '    - commands: [echo]']), error: { line: 8, includes: 'must be a mapping of input names to values, not a list' } },
  { title: "ExecuteBash without 'commands'", doc: buildDoc(['- name: A', '  action: ExecuteBash', '  inputs:', '    command: [echo]']), error: { line: 8, includes: "action ExecuteBash requires the input 'commands'" } },
  { title: "'commands' as a string", doc: buildDoc(['- name: A', '  action: ExecuteBash', '  inputs:', '    commands: echo hi']), error: { line: 8, includes: "the input 'commands' of action ExecuteBash must be a list of strings, not a string" } },
  { title: "ExecutePowerShell with both 'commands' and 'file'", platform: 'Windows', doc: buildDoc(['- name: A', '  action: ExecutePowerShell', '  inputs:', '    commands: [Write-Host]', '    file: C:\\a.ps1']), error: { line: 9, includes: "takes either 'commands' or 'file', not both" } },
  { title: 'ExecutePowerShell with neither', platform: 'Windows', doc: buildDoc(['- name: A', '  action: ExecutePowerShell', '  inputs:', '    arguments: [x]']), error: { line: 8, includes: "requires one of the inputs 'commands' or 'file'" } },
  { title: 'S3Download without a destination', doc: buildDoc(['- name: A', '  action: S3Download', '  inputs:', '    - source: s3://bucket/key']), error: { line: 8, includes: "action S3Download requires the input 'destination'" } },
  { title: 'a list input that is not a mapping', doc: buildDoc(['- name: A', '  action: DeleteFile', '  inputs:', '    - /tmp/file']), error: { line: 8, includes: "each input of action DeleteFile must be a mapping" } },
  { title: 'a boolean input that is not true or false', doc: buildDoc(['- name: A', '  action: DeleteFolder', '  inputs:', '    - path: /tmp/x', '      force: maybe']), error: { line: 9, includes: "the input 'force' of action DeleteFolder must be true or false" } },
  { title: 'an integer input that is text', doc: buildDoc(['- name: A', '  action: Reboot', '  inputs:', '    delaySeconds: soon']), error: { line: 8, includes: "the input 'delaySeconds' of action Reboot must be a whole number" } },
  { title: 'a registry type AWSTOE does not know', platform: 'Windows', doc: buildDoc(['- name: A', '  action: SetRegistry', '  inputs:', '    - path: HKLM:\\SOFTWARE\\Me', '      name: V', '      value: 1', '      type: STRING']), error: { line: 11, includes: "must be one of BINARY, DWORD, QWORD, SZ, EXPAND_SZ, MULTI_SZ, not 'STRING'" } },
  { title: 'SetFileOwner without an owner', doc: buildDoc(['- name: A', '  action: SetFileOwner', '  inputs:', '    - path: /tmp/x']), error: { line: 8, includes: "requires the input 'owner'" } },
  { title: 'ExecutePowerShell in a Linux component', platform: 'Linux', doc: buildDoc(['- name: A', '  action: ExecutePowerShell', '  inputs: {commands: [Write-Host]}']), error: { line: 6, includes: 'action ExecutePowerShell runs on Windows only, and this component is for Linux' } },
  { title: 'ExecuteBash in a Windows component', platform: 'Windows', doc: README_EXAMPLE, error: { line: 6, includes: 'action ExecuteBash runs on Linux and macOS only' } },
  // Expressions
  { title: 'an unquoted expression', doc: buildDoc(bash('A', '{{ Greeting }}'), ['parameters:', '  - Greeting:', '      type: string']), error: { line: 12, includes: 'must be enclosed in quotes' } },
  { title: 'an undeclared parameter', doc: buildDoc(bash('A', "'echo {{ Greeting }}'")), error: { line: 9, includes: "refers to 'Greeting', which is not a parameter or constant" } },
  { title: 'chaining to a step that does not exist', doc: buildDoc(bash('A', "'echo {{ build.Missing.outputs.stdout }}'")), error: { line: 9, includes: "refers to step 'Missing' of phase 'build', which does not exist" } },
  { title: 'chaining to a later step', doc: buildDoc([...bash('A', "'echo {{ build.B.outputs.stdout }}'"), ...bash('B')]), error: { line: 9, includes: 'which runs later' } },
  { title: 'chaining from the test stage to the build stage', doc: `${README_EXAMPLE}  - name: test\n    steps:\n      - name: T\n        action: ExecuteBash\n        inputs:\n          commands: ['echo {{ build.Hello.outputs.stdout }}']\n`, error: { line: 14, includes: 'chaining cannot cross them' } },
  { title: 'an output the action does not have', doc: buildDoc([...bash('A'), ...bash('B', "'echo {{ build.A.outputs.stderr }}'")]), error: { line: 14, includes: "refers to output 'stderr', but action ExecuteBash has only stdout" } },
  { title: 'an output of an action without outputs', doc: buildDoc(['- name: Get', '  action: S3Download', '  inputs:', '    - {source: s3://b/k, destination: /tmp/k}', ...bash('B', "'cat {{ build.Get.outputs.destination }}'")]), error: { line: 13, includes: 'action S3Download, which has no outputs' } },
  { title: 'an input index out of range', doc: buildDoc(['- name: Get', '  action: S3Download', '  inputs:', '    - {source: s3://b/k, destination: /tmp/k}', ...bash('B', "'cat {{ build.Get.inputs[3].destination }}'")]), error: { line: 13, includes: "refers to inputs[3] of step 'Get', which has 1 input entry" } },
  { title: 'an input the earlier step does not have', doc: buildDoc(['- name: Get', '  action: S3Download', '  inputs:', '    - {source: s3://b/k, destination: /tmp/k}', ...bash('B', "'cat {{ build.Get.inputs[0].target }}'")]), error: { line: 13, includes: "refers to input 'target' of step 'Get'" } },
  { title: 'a malformed chaining expression', doc: buildDoc([...bash('A'), ...bash('B', "'echo {{ build.A }}'")]), error: { line: 14, includes: 'is not a chaining expression' } },
  { title: 'an expression outside the inputs', doc: buildDoc(['- name: A', '  action: ExecuteBash', "  timeoutSeconds: '{{ Timeout }}'", '  inputs: {commands: [echo]}']), error: { line: 7, includes: "expressions can be used only in a step's inputs and loop" } },
  // Loops
  { title: "a loop with both 'for' and 'forEach'", doc: buildDoc(['- name: A', '  action: ExecuteBash', '  loop:', '    for: {start: 1, end: 2, updateBy: 1}', '    forEach: [a]', '  inputs: {commands: [echo]}']), error: { line: 8, includes: "exactly one of 'for' and 'forEach'" } },
  { title: "a 'for' loop that updates by 0", doc: buildDoc(['- name: A', '  action: ExecuteBash', '  loop:', '    for: {start: 1, end: 2, updateBy: 0}', '  inputs: {commands: [echo]}']), error: { line: 8, includes: "'updateBy' of a 'for' loop must not be 0" } },
  { title: "a 'for' loop that never ends", doc: buildDoc(['- name: A', '  action: ExecuteBash', '  loop:', '    for: {start: 1, end: 5, updateBy: -1}', '  inputs: {commands: [echo]}']), error: { line: 8, includes: 'never reaches its end' } },
  { title: "an empty 'forEach' list", doc: buildDoc(['- name: A', '  action: ExecuteBash', '  loop:', '    forEach: []', '  inputs: {commands: [echo]}']), error: { line: 8, includes: "'forEach' must list at least one string" } },
  { title: 'a delimiter AWSTOE does not accept', doc: buildDoc(['- name: A', '  action: ExecuteBash', '  loop:', '    forEach:', '      list: a|b', "      delimiter: '|'", '  inputs: {commands: [echo]}']), error: { line: 10, includes: 'the delimiter must be one character of' } },
  { title: "a step using another step's loop", doc: buildDoc(['- name: A', '  action: ExecuteBash', '  loop:', '    name: first', '    forEach: [a]', '  inputs: {commands: [echo]}', ...bash('B', "'echo {{ first.value }}'")]), error: { line: 15, includes: "refers to the loop of step 'A'" } },
  // Parameters and constants
  { title: 'a parameter name that is too short', doc: buildDoc(bash('A'), ['parameters:', '  - ab:', '      type: string']), error: { line: 3, includes: "the name 'ab' in 'parameters' must be 3 to 128" } },
  { title: 'a parameter of type number', doc: buildDoc(bash('A'), ['parameters:', '  - Count:', '      type: number']), error: { line: 4, includes: 'the type of \'Count\' must be string, not number' } },
  { title: 'a parameter and a constant with one name', doc: buildDoc(bash('A'), ['parameters:', '  - Name1:', '      type: string', 'constants:', '  - Name1:', '      type: string', '      value: x']), error: { line: 6, includes: "the name 'Name1' is defined twice" } },
  { title: 'a constant without a value', doc: buildDoc(bash('A'), ['constants:', '  - Name1:', '      type: string']), error: { line: 4, includes: "the constant 'Name1' has no 'value'" } },
];

describe('component document validation', () => {
  it('has a case for every rule (at least 40 invalid documents)', () => {
    assert.ok(INVALID.length >= 40, `${INVALID.length} invalid cases`);
  });

  for (const c of VALID) {
    it(`accepts ${c.title}`, () => {
      const doc = validateComponentDocument(c.doc, c.platform ?? 'Linux');
      assert.equal(doc.type, c.type);
    });
  }

  for (const c of INVALID) {
    it(`refuses ${c.title}`, () => {
      assert.throws(() => validateComponentDocument(c.doc, c.platform ?? 'Linux'), (error: unknown) => {
        assert.ok(error instanceof DocumentProblem, `a DocumentProblem, got ${String(error)}`);
        assert.ok(error.message.includes(c.error!.includes), `message: ${error.message}`);
        if (c.error!.line !== undefined) assert.equal(error.line, c.error!.line, `line of: ${error.message}`);
        return true;
      });
    });
  }

  it('names the phase and step of a problem, and the column', () => {
    const doc = buildDoc(['- name: Download', '  action: S3Download', '  inputs: []']);
    assert.throws(() => validateComponentDocument(doc, 'Linux'), {
      message: "Line 7, column 17 (phase 'build', step 'Download'): action S3Download has no inputs; it requires 'inputs'",
    });
  });

  it('answers the steps with their settings and defaults', () => {
    const doc = validateComponentDocument(buildDoc(['- name: Retry', '  action: ExecuteBash', '  onFailure: Ignore', '  maxAttempts: 2', '  inputs:', '    commands: [echo hi]', ...bash('Plain')]), 'Linux');
    assert.deepEqual(doc.phases, [{
      name: 'build',
      steps: [
        { name: 'Retry', action: 'ExecuteBash', onFailure: 'Ignore', maxAttempts: 2, timeoutSeconds: 7200, inputs: { commands: ['echo hi'] } },
        { name: 'Plain', action: 'ExecuteBash', onFailure: 'Abort', maxAttempts: 1, timeoutSeconds: 7200, inputs: { commands: ['echo hi'] } },
      ],
    }]);
  });
});
