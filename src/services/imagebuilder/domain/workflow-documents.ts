/**
 * Workflow documents (YAML or JSON), as the Image Builder User Guide describes them ("Create a
 * YAML workflow document", "Supported step actions"): `schemaVersion` 1.0, optional `name`,
 * `description`, `parameters` and `outputs`, and up to 15 `steps`, each with a unique `name`, a
 * supported `action` allowed in the workflow's stage, `onFailure` (Abort or Continue),
 * `timeoutSeconds` up to the action's maximum, the `inputs` the action requires, and an optional
 * `if` condition. `$.stepOutputs.<step>` references must name an earlier step and
 * `$.parameters.<name>` references a declared parameter. A document that breaks a rule is an
 * InvalidParameterValueException on `data` (Kiln's wording; AWS's texts are not documented).
 */
import { AwsError } from '../../../kernel/errors.js';
import type { WorkflowParameterDetail } from '../../../generated/imagebuilder.js';
import { AMI_DISTRIBUTION_ACTIONS, STEP_ACTIONS, type Stage } from './workflow-step-actions.js';

export type ParameterType = 'string' | 'integer' | 'boolean' | 'stringList';

export interface ParameterDeclaration {
  name: string;
  type: ParameterType;
  default?: unknown;
  description?: string;
}

/** A condition of a step's `if`: a branch (and, or, not) or a comparison of `value`. */
export type Condition = Record<string, unknown>;

export interface DocumentStep {
  name: string;
  action: string;
  description?: string;
  onFailure: 'Abort' | 'Continue';
  timeoutSeconds: number;
  inputs: Record<string, unknown>;
  if?: Condition;
}

export interface WorkflowDocument {
  parameters: ParameterDeclaration[];
  steps: DocumentStep[];
}

const MAX_STEPS = 15;
const PARAMETER_TYPES: ParameterType[] = ['string', 'integer', 'boolean', 'stringList'];
const STEP_KEYS = new Set(['name', 'action', 'description', 'onFailure', 'timeoutSeconds', 'inputs', 'if', 'rollbackEnabled']);
// The model's WorkflowStepName pattern, with the User Guide's 3–128 characters.
const STEP_NAME = /^[A-Za-z][A-Za-z0-9_-]{2,127}$/;
const COMPARISONS = ['booleanEquals', 'numberEquals', 'numberGreaterThan', 'numberGreaterThanEquals', 'numberLessThan', 'numberLessThanEquals', 'stringEquals'];
const REFERENCE = /\$\.(stepOutputs|parameters)\.([A-Za-z0-9_-]+)/g;

export function invalidDocument(detail: string): AwsError {
  return new AwsError('InvalidParameterValueException', `The value supplied for parameter 'data' is not valid. ${detail}`);
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses and checks a workflow document for a workflow of `stage`. */
export async function parseWorkflowDocument(data: string, stage: Stage): Promise<WorkflowDocument> {
  // Loaded on first use, as for component documents.
  const { parse } = await import('yaml');
  let doc: unknown;
  try {
    doc = parse(data);
  } catch (error) {
    throw invalidDocument(`The workflow document is not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  if (!isMap(doc)) throw invalidDocument('The workflow document must be a YAML or JSON object.');
  // YAML reads `schemaVersion: 1.0` as the number 1.
  if (doc.schemaVersion !== 1 && doc.schemaVersion !== '1.0') throw invalidDocument("The workflow document must have 'schemaVersion: 1.0'.");
  for (const field of ['name', 'description'] as const) {
    if (doc[field] !== undefined && typeof doc[field] !== 'string') throw invalidDocument(`The workflow document's '${field}' must be a string.`);
  }
  const parameters = checkParameters(doc.parameters);
  const steps = checkSteps(doc.steps, stage, new Set(parameters.map((p) => p.name)));
  checkOutputs(doc.outputs, steps);
  return { parameters, steps };
}

function checkParameters(value: unknown): ParameterDeclaration[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidDocument("The workflow document's 'parameters' must be a list.");
  const seen = new Set<string>();
  return value.map((p, i) => {
    const where = `Parameter ${i + 1}`;
    if (!isMap(p) || typeof p.name !== 'string' || p.name === '') throw invalidDocument(`${where} must have a 'name'.`);
    if (seen.has(p.name)) throw invalidDocument(`The parameter name '${p.name}' is used more than once.`);
    seen.add(p.name);
    if (!PARAMETER_TYPES.includes(p.type as ParameterType)) {
      throw invalidDocument(`The parameter '${p.name}' must have a 'type' of ${PARAMETER_TYPES.join(', ')}.`);
    }
    const type = p.type as ParameterType;
    if (p.default !== undefined && !defaultMatches(type, p.default)) throw invalidDocument(`The default value of parameter '${p.name}' is not a ${type}.`);
    if (p.description !== undefined && typeof p.description !== 'string') throw invalidDocument(`The description of parameter '${p.name}' must be a string.`);
    return { name: p.name, type, default: p.default, description: p.description as string | undefined };
  });
}

function defaultMatches(type: ParameterType, value: unknown): boolean {
  switch (type) {
    case 'string': return typeof value === 'string';
    case 'integer': return Number.isInteger(value);
    case 'boolean': return typeof value === 'boolean';
    case 'stringList': return Array.isArray(value) && value.every((v) => typeof v === 'string');
  }
}

function checkSteps(value: unknown, stage: Stage, parameters: Set<string>): DocumentStep[] {
  if (!Array.isArray(value) || value.length === 0) throw invalidDocument("The workflow document must have a 'steps' list with at least one step.");
  if (value.length > MAX_STEPS) throw invalidDocument(`A workflow document can have at most ${MAX_STEPS} steps; this one has ${value.length}.`);
  const earlier = new Set<string>();
  const steps = value.map((raw, i) => {
    const step = checkStep(raw, i, stage);
    for (const [kind, name] of references([step.inputs, step.if])) {
      if (kind === 'stepOutputs' && !earlier.has(name)) {
        throw invalidDocument(`Step '${step.name}' refers to $.stepOutputs.${name}, but no earlier step has that name.`);
      }
      if (kind === 'parameters' && !parameters.has(name)) {
        throw invalidDocument(`Step '${step.name}' refers to $.parameters.${name}, but the document declares no parameter '${name}'.`);
      }
    }
    if (earlier.has(step.name)) throw invalidDocument(`The step name '${step.name}' is used more than once. Step names must be unique.`);
    earlier.add(step.name);
    return step;
  });
  const actions = new Set(steps.map((s) => s.action));
  if (actions.has('DistributeContainerImage') && AMI_DISTRIBUTION_ACTIONS.some((a) => actions.has(a))) {
    throw invalidDocument(`A workflow that uses DistributeContainerImage cannot also use ${AMI_DISTRIBUTION_ACTIONS.join(', ')}.`);
  }
  return steps;
}

function checkStep(raw: unknown, i: number, stage: Stage): DocumentStep {
  if (!isMap(raw)) throw invalidDocument(`Step ${i + 1} must be an object.`);
  const name = raw.name;
  if (typeof name !== 'string' || !STEP_NAME.test(name)) {
    throw invalidDocument(`Step ${i + 1} must have a 'name' of 3 to 128 letters, digits, hyphens and underscores that starts with a letter.`);
  }
  const unknown = Object.keys(raw).find((k) => !STEP_KEYS.has(k));
  if (unknown) throw invalidDocument(`Step '${name}' has an unknown field '${unknown}'.`);
  const action = STEP_ACTIONS[raw.action as string];
  if (typeof raw.action !== 'string' || !action) {
    throw invalidDocument(`Step '${name}' has an unsupported action '${String(raw.action)}'. Supported actions: ${Object.keys(STEP_ACTIONS).join(', ')}.`);
  }
  if (!action.stages.includes(stage)) {
    throw invalidDocument(`Step '${name}' uses the action ${raw.action}, which ${stage} workflows cannot use (only ${action.stages.join(', ')}).`);
  }
  const onFailure = raw.onFailure ?? 'Abort';
  if (onFailure !== 'Abort' && onFailure !== 'Continue') throw invalidDocument(`Step '${name}' has onFailure '${String(onFailure)}'; it must be Abort or Continue.`);
  const timeout = raw.timeoutSeconds ?? action.defaultTimeoutSeconds;
  if (!Number.isInteger(timeout) || (timeout as number) < 1 || (timeout as number) > action.maxTimeoutSeconds) {
    throw invalidDocument(`Step '${name}' has timeoutSeconds ${String(raw.timeoutSeconds)}; for ${raw.action} it must be an integer from 1 to ${action.maxTimeoutSeconds}.`);
  }
  if (raw.description !== undefined && (typeof raw.description !== 'string' || raw.description.length < 1 || raw.description.length > 1024)) {
    throw invalidDocument(`Step '${name}' has a description that is not a string of 1 to 1024 characters.`);
  }
  if (raw.rollbackEnabled !== undefined && typeof raw.rollbackEnabled !== 'boolean' && !String(raw.rollbackEnabled).startsWith('$.')) {
    throw invalidDocument(`Step '${name}' has rollbackEnabled that is neither a boolean nor a JSONPath reference.`);
  }
  const inputs = raw.inputs ?? {};
  if (!isMap(inputs)) throw invalidDocument(`Step '${name}' has 'inputs' that are not an object.`);
  const missing = action.required.find((input) => inputs[input] === undefined && inputs[`${input}.$`] === undefined);
  if (missing) throw invalidDocument(`Step '${name}' (${raw.action}) is missing its required input '${missing}'.`);
  if (raw.action === 'LaunchInstance') checkLaunchInputs(name, inputs);
  if (raw.if !== undefined) checkCondition(name, raw.if);
  return {
    name, action: raw.action, description: raw.description as string | undefined, onFailure, timeoutSeconds: timeout as number,
    inputs, if: raw.if as Condition | undefined,
  };
}

function checkLaunchInputs(name: string, inputs: Record<string, unknown>): void {
  if (inputs.waitFor !== undefined && inputs.waitFor !== 'ssmAgent') throw invalidDocument(`Step '${name}' has waitFor '${String(inputs.waitFor)}'; Image Builder supports ssmAgent.`);
  if (inputs.healthCheck !== undefined && inputs.healthCheck !== 'RUNNING' && inputs.healthCheck !== 'STATUS_CHECK_PASSED') {
    throw invalidDocument(`Step '${name}' has healthCheck '${String(inputs.healthCheck)}'; it must be RUNNING or STATUS_CHECK_PASSED.`);
  }
}

function checkCondition(step: string, condition: unknown): void {
  const bad = () => invalidDocument(`Step '${step}' has an 'if' condition that is not valid: use and, or, not, or one of ${COMPARISONS.join(', ')} with a 'value'.`);
  if (!isMap(condition)) throw bad();
  const keys = Object.keys(condition);
  if (keys.length === 1 && (keys[0] === 'and' || keys[0] === 'or')) {
    const list = condition[keys[0]];
    if (!Array.isArray(list) || list.length === 0) throw bad();
    for (const c of list) checkCondition(step, c);
    return;
  }
  if (keys.length === 1 && keys[0] === 'not') return checkCondition(step, condition.not);
  const op = keys.filter((k) => k !== 'value');
  if (op.length !== 1 || !COMPARISONS.includes(op[0]) || !('value' in condition)) throw bad();
}

function checkOutputs(value: unknown, steps: DocumentStep[]): void {
  if (value === undefined || value === null) return;
  const names = new Set(steps.map((s) => s.name));
  if (!Array.isArray(value)) throw invalidDocument("The workflow document's 'outputs' must be a list.");
  for (const output of value) {
    if (!isMap(output) || typeof output.name !== 'string' || typeof output.value !== 'string') {
      throw invalidDocument("Each workflow output must have a string 'name' and 'value'.");
    }
    for (const [kind, name] of references([output.value])) {
      if (kind === 'stepOutputs' && !names.has(name)) throw invalidDocument(`The output '${output.name}' refers to $.stepOutputs.${name}, but no step has that name.`);
    }
  }
}

/** Every `$.stepOutputs.<name>` and `$.parameters.<name>` reference in the strings of `values`. */
function references(values: unknown[]): Array<['stepOutputs' | 'parameters', string]> {
  const found: Array<['stepOutputs' | 'parameters', string]> = [];
  const visit = (v: unknown): void => {
    if (typeof v === 'string') for (const m of v.matchAll(REFERENCE)) found.push([m[1] as 'stepOutputs' | 'parameters', m[2]]);
    else if (Array.isArray(v)) v.forEach(visit);
    else if (isMap(v)) Object.values(v).forEach(visit);
  };
  values.forEach(visit);
  return found;
}

/** The parameters as GetWorkflow shows them: default values as lists of strings. */
export function parameterDetails(parameters: ParameterDeclaration[]): WorkflowParameterDetail[] {
  return parameters.map((p) => ({
    name: p.name, type: p.type, description: p.description,
    defaultValue: p.default === undefined ? undefined : Array.isArray(p.default) ? p.default.map(String) : [String(p.default)],
  }));
}

/** Reads a JSONPath reference (`$.parameters.x`, `$.stepOutputs.s.o`); undefined when it is not known (yet). */
export type Lookup = (path: string) => unknown;

function resolve(value: unknown, lookup: Lookup): unknown {
  return typeof value === 'string' && value.startsWith('$.') ? lookup(value) : value;
}

/** Whether a step's `if` holds: true, false, or undefined when it refers to something not known yet. */
export function evaluateCondition(condition: Condition, lookup: Lookup): boolean | undefined {
  if ('and' in condition || 'or' in condition) {
    const results = ((condition.and ?? condition.or) as Condition[]).map((c) => evaluateCondition(c, lookup));
    if ('and' in condition) return results.includes(false) ? false : results.includes(undefined) ? undefined : true;
    return results.includes(true) ? true : results.includes(undefined) ? undefined : false;
  }
  if ('not' in condition) {
    const inner = evaluateCondition(condition.not as Condition, lookup);
    return inner === undefined ? undefined : !inner;
  }
  const op = Object.keys(condition).find((k) => k !== 'value')!;
  const left = resolve(condition.value, lookup);
  const right = resolve(condition[op], lookup);
  if (left === undefined || right === undefined) return undefined;
  switch (op) {
    case 'booleanEquals': return String(left).toLowerCase() === String(right).toLowerCase();
    case 'stringEquals': return String(left) === String(right);
    case 'numberEquals': return Number(left) === Number(right);
    case 'numberGreaterThan': return Number(left) > Number(right);
    case 'numberGreaterThanEquals': return Number(left) >= Number(right);
    case 'numberLessThan': return Number(left) < Number(right);
    default: return Number(left) <= Number(right);
  }
}

/** A step's inputs as the step execution shows them: `key.$` references resolved to their values where known. */
export function resolveInputs(inputs: Record<string, unknown>, lookup: Lookup): Record<string, unknown> {
  return Object.fromEntries(Object.entries(inputs).map(([key, value]) => {
    if (!key.endsWith('.$')) return [key, value];
    const resolved = resolve(value, lookup);
    return [key.slice(0, -2), resolved ?? value];
  }));
}
