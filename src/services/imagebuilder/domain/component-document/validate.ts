/**
 * Reads a component document (YAML, or JSON, which is YAML too) and checks it as AWSTOE does
 * before Image Builder stores it (toe-use-documents.md, toe-action-modules.md, the variables and
 * looping-constructs pages of the Image Builder User Guide):
 *
 * - top level: `schemaVersion` 1.0 and a non-empty `phases` list; optional `name`, `description`,
 *   `parameters` and `constants` (names of 3–128 letters, digits, `-`, `_`, unique, type `string`);
 * - phases: named `build`, `validate`, `test` or `container-host-test` (the phases Image Builder
 *   runs), each once, at least one of build, validate and test, each with a non-empty `steps` list;
 * - steps: a `name` unique in its phase, a known `action` module that runs on the component's
 *   platform, `onFailure` Abort | Continue | Ignore, `maxAttempts` ≥ 1, `timeoutSeconds` > 0 or -1,
 *   an optional `loop` (`for` or `forEach`) and the module's inputs (inputs.ts);
 * - expressions (expressions.ts) only in inputs and loops, referring to what exists.
 *
 * The first problem found, in document order, is the answer (DocumentProblem). Kiln's own choices
 * where the guide is silent: unknown fields of the document, a phase or a step are refused (they
 * are usually typos such as `onfailure`); unknown inputs of a module are accepted.
 */
import { LineCounter, isCollection, isMap, isScalar, isSeq, parseDocument, visit, type Document, type Node, type YAMLMap } from 'yaml';
import { findActionModule, type ActionModule } from './action-modules.js';
import { expressionsIn, isTestStage, PHASE_NAMES, type Expression, type PhaseName } from './expressions.js';
import { fieldsOf, onlyFields, type Field } from './fields.js';
import { checkInputs } from './inputs.js';
import { DocumentProblem, Reporter, describeNode, scalarText, type Context } from './problems.js';

export type OnFailure = 'Abort' | 'Continue' | 'Ignore';

export interface DocumentStep {
  name: string;
  action: string;
  onFailure: OnFailure;
  maxAttempts: number;
  timeoutSeconds: number;
  inputs: unknown;
}

export interface DocumentPhase {
  name: PhaseName;
  steps: DocumentStep[];
}

export interface ComponentDocument {
  name?: string;
  description?: string;
  parameters: string[];
  phases: DocumentPhase[];
  /** TEST when every phase is a test-stage phase, else BUILD. */
  type: 'BUILD' | 'TEST';
}

export { DocumentProblem };

const TOP_FIELDS = ['name', 'description', 'schemaVersion', 'parameters', 'constants', 'phases'];
const STEP_FIELDS = ['name', 'action', 'timeoutSeconds', 'onFailure', 'maxAttempts', 'inputs', 'loop', 'if'];
const ON_FAILURE: readonly OnFailure[] = ['Abort', 'Continue', 'Ignore'];
const VARIABLE_NAME = /^[A-Za-z0-9_-]{3,128}$/;
const DELIMITERS = ['.', ',', ';', ':', '\n', '\t', ' ', '-', '_'];
/** AWSTOE's step defaults. */
const DEFAULT_TIMEOUT_SECONDS = 7200;

interface KnownStep {
  phase: PhaseName;
  module?: ActionModule;
  action: string;
  entries: YAMLMap[];
}

/** Reads and checks a document for a component of `platform`; throws DocumentProblem. */
export function validateComponentDocument(data: string, platform?: string): ComponentDocument {
  const lines = new LineCounter();
  const doc = parseDocument(data, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const reporter = new Reporter(lines);
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    reporter.at(error.pos[0], {}, `the document is not valid YAML or JSON: ${error.message.split('\n')[0]}`);
  }
  findUnquotedExpression(doc, reporter);
  return new DocumentChecker(doc, reporter, platform).check();
}

/**
 * YAML reads an unquoted `{{ Name }}` as a mapping whose key is a mapping: wherever that shows up,
 * the author meant an expression and forgot the quotes AWSTOE asks for.
 */
function findUnquotedExpression(doc: Document, reporter: Reporter): void {
  visit(doc, {
    Pair(_, pair, path) {
      if (!isCollection(pair.key)) return;
      const context: Context = {};
      for (const ancestor of path) {
        if (!isMap(ancestor)) continue;
        if (ancestor.has('steps')) context.phase = scalarText(ancestor.get('name', true));
        if (ancestor.has('action')) context.step = scalarText(ancestor.get('name', true));
      }
      const parent = path[path.length - 1];
      reporter.fail((isMap(parent) ? parent : pair.key) as Node, context, "a '{{ ... }}' expression must be enclosed in quotes, for example '{{ MyParameter }}'; unquoted, YAML reads it as a mapping");
    },
  });
}

class DocumentChecker {
  private readonly variables = new Set<string>();
  private readonly seen = new Map<string, KnownStep>();
  private allSteps = new Set<string>();
  private allLoops = new Map<string, string>();

  constructor(private readonly doc: Document, private readonly reporter: Reporter, private readonly platform?: string) {}

  check(): ComponentDocument {
    const root = this.doc.contents as Node | null;
    if (!isMap(root)) this.reporter.fail(root, {}, `a component document must be a mapping with 'schemaVersion' and 'phases', not ${describeNode(root)}`);
    const fields = fieldsOf(root, this.reporter, {});
    onlyFields(fields, TOP_FIELDS, 'a component document', this.reporter, {});
    const name = this.optionalText(fields.get('name'), 'name');
    const description = this.optionalText(fields.get('description'), 'description');
    this.checkSchemaVersion(root, fields.get('schemaVersion'));
    const parameters = this.variablesOf(fields.get('parameters'), 'parameters', 'default');
    this.variablesOf(fields.get('constants'), 'constants', 'value');
    const phasesField = fields.get('phases');
    if (!phasesField) this.reporter.fail(root, {}, "the document has no 'phases'; it needs a list of phases, such as '- name: build'");
    const phaseNodes = phasesField.value;
    if (!isSeq(phaseNodes) || phaseNodes.items.length === 0) this.reporter.fail(phaseNodes ?? phasesField.key, {}, `'phases' must be a non-empty list of phases, not ${describeNode(phaseNodes)}`);
    this.indexSteps(phaseNodes.items);
    const phases: DocumentPhase[] = [];
    for (const node of phaseNodes.items) phases.push(this.checkPhase(node as Node, phases));
    if (!phases.some((p) => p.name === 'build' || p.name === 'validate' || p.name === 'test')) {
      this.reporter.fail(phasesField.key, {}, "the document must have at least one of the phases 'build', 'validate' and 'test'");
    }
    const type = phases.every((p) => isTestStage(p.name)) ? 'TEST' : 'BUILD';
    return { name, description, parameters, phases, type };
  }

  private optionalText(field: Field | undefined, name: string): string | undefined {
    if (!field || field.value === null || (isScalar(field.value) && field.value.value === null)) return undefined;
    const text = scalarText(field.value);
    if (text === undefined) this.reporter.fail(field.value, {}, `'${name}' must be a string, not ${describeNode(field.value)}`);
    return text;
  }

  private checkSchemaVersion(root: YAMLMap, field: Field | undefined): void {
    if (!field) this.reporter.fail(root, {}, "the document has no 'schemaVersion'; the schema version is 1.0");
    const value = isScalar(field.value) ? field.value.value : undefined;
    // `schemaVersion: 1.0` is the number 1 to YAML; "1.0" quoted is the string.
    if (value !== 1 && value !== '1.0') {
      this.reporter.fail(field.value ?? field.key, {}, `schemaVersion ${scalarText(field.value) ?? describeNode(field.value)} is not supported; the schema version is 1.0`);
    }
  }

  /** `parameters` or `constants`: `- Name: {type: string, default|value: ...}`. */
  private variablesOf(field: Field | undefined, section: 'parameters' | 'constants', valueField: 'default' | 'value'): string[] {
    if (!field) return [];
    const list = field.value;
    if (!isSeq(list)) this.reporter.fail(list ?? field.key, {}, `'${section}' must be a list such as '- Name: {type: string}', not ${describeNode(list)}`);
    const names: string[] = [];
    for (const item of list.items) {
      if (!isMap(item) || item.items.length !== 1) this.reporter.fail(item as Node, {}, `each entry of '${section}' must be one name with its settings, such as '- Name: {type: string}'`);
      const [entry] = fieldsOf(item, this.reporter, {});
      const [name, { key, value }] = entry;
      if (!VARIABLE_NAME.test(name)) this.reporter.fail(key, {}, `the name '${name}' in '${section}' must be 3 to 128 letters, digits, hyphens or underscores`);
      if (this.variables.has(name)) this.reporter.fail(key, {}, `the name '${name}' is defined twice; parameter and constant names must be unique in a document`);
      if (!isMap(value)) this.reporter.fail(value ?? key, {}, `'${name}' in '${section}' needs its settings, such as 'type: string'`);
      const settings = fieldsOf(value, this.reporter, {});
      onlyFields(settings, section === 'parameters' ? ['type', 'default', 'description'] : ['type', 'value'], `a ${section === 'parameters' ? 'parameter' : 'constant'}`, this.reporter, {});
      const type = settings.get('type');
      if (!type) this.reporter.fail(value, {}, `'${name}' in '${section}' has no 'type'; the supported type is string`);
      if (scalarText(type.value) !== 'string') this.reporter.fail(type.value ?? type.key, {}, `the type of '${name}' must be string, not ${scalarText(type.value) ?? describeNode(type.value)}`);
      if (valueField === 'value' && !settings.has('value')) this.reporter.fail(value, {}, `the constant '${name}' has no 'value'`);
      this.variables.add(name);
      names.push(name);
    }
    return names;
  }

  /** Every `phase/step` and loop name of the document, to tell "later" from "missing". */
  private indexSteps(phases: unknown[]): void {
    for (const phase of phases) {
      const phaseName = isMap(phase) ? scalarText(phase.get('name', true)) : undefined;
      const steps = isMap(phase) ? phase.get('steps', true) : undefined;
      if (!isSeq(steps)) continue;
      for (const step of steps.items) {
        if (!isMap(step)) continue;
        const stepName = scalarText(step.get('name', true));
        this.allSteps.add(`${phaseName}/${stepName}`);
        const loop = step.get('loop', true);
        const loopName = isMap(loop) ? scalarText(loop.get('name', true)) : undefined;
        if (loopName) this.allLoops.set(loopName, `${phaseName}/${stepName}`);
      }
    }
  }

  private checkPhase(node: Node, earlier: DocumentPhase[]): DocumentPhase {
    if (!isMap(node)) this.reporter.fail(node, {}, `each phase must be a mapping with 'name' and 'steps', not ${describeNode(node)}`);
    const fields = fieldsOf(node, this.reporter, {});
    onlyFields(fields, ['name', 'steps'], 'a phase', this.reporter, {});
    const nameField = fields.get('name');
    if (!nameField) this.reporter.fail(node, {}, "a phase has no 'name'");
    const name = scalarText(nameField.value) ?? '';
    if (!(PHASE_NAMES as readonly string[]).includes(name)) {
      this.reporter.fail(nameField.value ?? nameField.key, {}, `unknown phase '${name}'; Image Builder runs the phases ${PHASE_NAMES.join(', ')}`);
    }
    const context = { phase: name };
    if (earlier.some((p) => p.name === name)) this.reporter.fail(nameField.value!, context, `the phase '${name}' appears twice; each phase name must be unique in a document`);
    const stepsField = fields.get('steps');
    if (!stepsField) this.reporter.fail(node, context, "the phase has no 'steps'");
    const stepNodes = stepsField.value;
    if (!isSeq(stepNodes) || stepNodes.items.length === 0) this.reporter.fail(stepNodes ?? stepsField.key, context, `'steps' must be a non-empty list of steps, not ${describeNode(stepNodes)}`);
    const phase: DocumentPhase = { name: name as PhaseName, steps: [] };
    for (const stepNode of stepNodes.items) phase.steps.push(this.checkStep(stepNode as Node, phase));
    return phase;
  }

  private checkStep(node: Node, phase: DocumentPhase): DocumentStep {
    let context: Context = { phase: phase.name };
    if (!isMap(node)) this.reporter.fail(node, context, `each step must be a mapping with 'name', 'action' and 'inputs', not ${describeNode(node)}`);
    const fields = fieldsOf(node, this.reporter, context);
    const nameField = fields.get('name');
    const name = scalarText(nameField?.value);
    if (!nameField || !name) this.reporter.fail(nameField?.value ?? node, context, "a step has no 'name'");
    context = { phase: phase.name, step: name };
    if (phase.steps.some((s) => s.name === name)) this.reporter.fail(nameField.value, context, `the step name '${name}' appears twice in the phase; step names must be unique in a phase`);
    onlyFields(fields, STEP_FIELDS, 'a step', this.reporter, context);
    for (const field of ['name', 'action', 'timeoutSeconds', 'onFailure', 'maxAttempts']) this.noExpressions(fields.get(field), context);

    const actionField = fields.get('action');
    const action = scalarText(actionField?.value);
    if (!actionField || !action) this.reporter.fail(actionField?.value ?? node, context, "the step has no 'action'; name an action module such as ExecuteBash");
    const { module, suggestion } = findActionModule(action);
    if (!module) {
      this.reporter.fail(actionField.value, context, `unknown action '${action}'${suggestion ? `; did you mean ${suggestion}? Action names are case-sensitive` : '; see the AWSTOE action modules (ExecuteBash, ExecutePowerShell, S3Download, ...)'}`);
    }
    if (module.platforms && this.platform && !module.platforms.includes(this.platform)) {
      this.reporter.fail(actionField.value, context, `action ${action} runs on ${module.platforms.join(' and ')} only, and this component is for ${this.platform}`);
    }

    const onFailure = (scalarText(fields.get('onFailure')?.value) ?? 'Abort') as OnFailure;
    if (fields.has('onFailure') && !ON_FAILURE.includes(onFailure)) {
      this.reporter.fail(fields.get('onFailure')!.value, context, `onFailure must be Abort, Continue or Ignore, not '${onFailure}'`);
    }
    const maxAttempts = this.wholeNumber(fields.get('maxAttempts'), context, 1, (n) => n >= 1, 'maxAttempts must be a whole number of at least 1');
    const timeoutSeconds = this.wholeNumber(fields.get('timeoutSeconds'), context, DEFAULT_TIMEOUT_SECONDS, (n) => n > 0 || n === -1,
      'timeoutSeconds must be a positive whole number of seconds, or -1 for no timeout (0 and other negative values are not allowed)');
    if (module.fixed) {
      if (fields.has('timeoutSeconds') && timeoutSeconds !== module.fixed.timeoutSeconds) this.reporter.fail(fields.get('timeoutSeconds')!.value, context, `action ${action} always runs with timeoutSeconds ${module.fixed.timeoutSeconds}; leave it out`);
      if (fields.has('maxAttempts') && maxAttempts !== module.fixed.maxAttempts) this.reporter.fail(fields.get('maxAttempts')!.value, context, `action ${action} runs once (maxAttempts ${module.fixed.maxAttempts}); leave it out`);
    }

    const loopName = this.checkLoop(fields.get('loop'), phase, context);
    const inputsField = fields.get('inputs');
    const entries = checkInputs(action, module, node, inputsField?.value ?? null, this.reporter, context);
    if (inputsField?.value) this.checkExpressions(inputsField.value, phase.name, loopName, context);
    this.seen.set(`${phase.name}/${name}`, { phase: phase.name, module, action, entries });
    return {
      name, action, onFailure, maxAttempts, timeoutSeconds: module.fixed?.timeoutSeconds ?? timeoutSeconds,
      inputs: inputsField?.value ? (inputsField.value as Node).toJS(this.doc) : undefined,
    };
  }

  private wholeNumber(field: Field | undefined, context: Context, fallback: number, ok: (n: number) => boolean, message: string): number {
    if (!field) return fallback;
    const value = isScalar(field.value) ? field.value.value : undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || !ok(value)) this.reporter.fail(field.value ?? field.key, context, `${message}, not ${scalarText(field.value) ?? describeNode(field.value)}`);
    return value;
  }

  /** Checks a step's `loop` and answers its name, if it has one. */
  private checkLoop(field: Field | undefined, phase: DocumentPhase, context: Context): string | undefined {
    if (!field) return undefined;
    const loop = field.value;
    if (!isMap(loop)) this.reporter.fail(loop ?? field.key, context, `'loop' must be a mapping with 'for' or 'forEach', not ${describeNode(loop)}`);
    const fields = fieldsOf(loop, this.reporter, context);
    onlyFields(fields, ['name', 'for', 'forEach'], 'a loop', this.reporter, context);
    const name = scalarText(fields.get('name')?.value);
    if (name !== undefined) {
      const owner = this.allLoops.get(name);
      if (owner && owner !== `${phase.name}/${context.step}`) this.reporter.fail(fields.get('name')!.value, context, `the loop name '${name}' is used by another step; loop names must be unique in a phase`);
    }
    const forField = fields.get('for');
    const forEachField = fields.get('forEach');
    if (!forField === !forEachField) this.reporter.fail(loop, context, "a loop needs exactly one of 'for' and 'forEach'");
    if (forField) this.checkForLoop(forField, context);
    else this.checkForEachLoop(forEachField!, phase.name, name, context);
    return name;
  }

  private checkForLoop(field: Field, context: Context): void {
    if (!isMap(field.value)) this.reporter.fail(field.value ?? field.key, context, "a 'for' loop needs 'start', 'end' and 'updateBy'");
    const fields = fieldsOf(field.value, this.reporter, context);
    onlyFields(fields, ['start', 'end', 'updateBy'], "a 'for' loop", this.reporter, context);
    const [start, end, updateBy] = (['start', 'end', 'updateBy'] as const).map((name) => {
      const part = fields.get(name);
      if (!part) this.reporter.fail(field.value, context, `the 'for' loop has no '${name}'`);
      const value = isScalar(part.value) ? part.value.value : undefined;
      if (typeof value !== 'number' || !Number.isInteger(value)) this.reporter.fail(part.value ?? part.key, context, `'${name}' of a 'for' loop must be a whole number (expressions are not accepted), not ${scalarText(part.value) ?? describeNode(part.value)}`);
      return value;
    });
    if (updateBy === 0) this.reporter.fail(fields.get('updateBy')!.value, context, "'updateBy' of a 'for' loop must not be 0");
    if ((end - start) * updateBy < 0) this.reporter.fail(fields.get('updateBy')!.value, context, `the 'for' loop from ${start} to ${end} by ${updateBy} never reaches its end`);
  }

  private checkForEachLoop(field: Field, phase: PhaseName, loopName: string | undefined, context: Context): void {
    const value = field.value;
    if (isSeq(value)) {
      if (value.items.length === 0 || value.items.some((item) => scalarText(item) === undefined)) this.reporter.fail(value, context, "'forEach' must list at least one string");
    } else if (isMap(value)) {
      const fields = fieldsOf(value, this.reporter, context);
      onlyFields(fields, ['list', 'delimiter'], "a 'forEach' loop with a delimited list", this.reporter, context);
      const list = fields.get('list');
      if (!list || scalarText(list.value) === undefined) this.reporter.fail(list?.value ?? value, context, "a 'forEach' loop with a delimited list needs 'list', a string");
      const delimiter = fields.get('delimiter');
      if (delimiter && !DELIMITERS.includes(scalarText(delimiter.value) ?? '')) {
        this.reporter.fail(delimiter.value ?? delimiter.key, context, `the delimiter must be one character of ${JSON.stringify(DELIMITERS.join(''))}, not ${JSON.stringify(scalarText(delimiter.value) ?? '')}`);
      }
    } else {
      this.reporter.fail(value ?? field.key, context, `'forEach' must be a list of strings or a mapping with 'list' and 'delimiter', not ${describeNode(value)}`);
    }
    this.checkExpressions(value as Node, phase, loopName, context);
  }

  private noExpressions(field: Field | undefined, context: Context): void {
    const text = scalarText(field?.value);
    const found = text === undefined ? undefined : expressionsIn(text)[0];
    if (found) this.reporter.fail(field!.value, context, `'${found.text}' is outside the step's inputs; expressions can be used only in a step's inputs and loop`);
  }

  /** Every AWSTOE expression in the strings under `node`. */
  private checkExpressions(node: Node, phase: PhaseName, loopName: string | undefined, context: Context): void {
    if (isMap(node)) {
      for (const pair of node.items) if (pair.value) this.checkExpressions(pair.value as Node, phase, loopName, context);
    } else if (isSeq(node)) {
      for (const item of node.items) this.checkExpressions(item as Node, phase, loopName, context);
    } else {
      const text = scalarText(node);
      if (text !== undefined) for (const expression of expressionsIn(text)) this.checkExpression(expression, node, phase, loopName, context);
    }
  }

  private checkExpression(expression: Expression, node: Node, phase: PhaseName, loopName: string | undefined, context: Context): void {
    const fail = (problem: string): never => this.reporter.fail(node, context, `'${expression.text}' ${problem}`);
    switch (expression.kind) {
      case 'variable':
        if (!this.variables.has(expression.name)) fail(`refers to '${expression.name}', which is not a parameter or constant of this document`);
        return;
      case 'malformedChain':
        return fail('is not a chaining expression; write {{ phase.step.inputs.name }}, {{ phase.step.inputs[0].name }} or {{ phase.step.outputs.name }}');
      case 'loop': {
        const owner = this.allLoops.get(expression.loop);
        if (expression.loop !== 'loop' && expression.loop !== loopName && owner) fail(`refers to the loop of step '${owner.split('/')[1]}'; a step can use only its own loop`);
        return;
      }
      case 'chain':
        return this.checkChain(expression, phase, fail);
    }
  }

  private checkChain(chain: Extract<Expression, { kind: 'chain' }>, phase: PhaseName, fail: (problem: string) => never): void {
    const key = `${chain.phase}/${chain.step}`;
    if (isTestStage(chain.phase) !== isTestStage(phase)) {
      fail(`chains from the ${phase} phase to the ${chain.phase} phase; Image Builder runs the build stage (build, validate) and the test stage (test, container-host-test) apart, so chaining cannot cross them`);
    }
    const target = this.seen.get(key);
    if (!target) {
      fail(this.allSteps.has(key)
        ? `refers to step '${chain.step}' of phase '${chain.phase}', which runs later; a step can use only steps that run before it`
        : `refers to step '${chain.step}' of phase '${chain.phase}', which does not exist`);
    }
    if (chain.section === 'outputs') {
      const outputs = target.module?.outputs ?? [];
      if (!outputs.includes(chain.field)) {
        fail(outputs.length === 0 ? `refers to an output of action ${target.action}, which has no outputs` : `refers to output '${chain.field}', but action ${target.action} has only ${outputs.join(', ')}`);
      }
      return;
    }
    const index = chain.index ?? 0;
    const entry = target.entries[index];
    if (!entry) fail(`refers to inputs[${index}] of step '${chain.step}', which has ${target.entries.length} input ${target.entries.length === 1 ? 'entry' : 'entries'}`);
    if (!entry.has(chain.field)) fail(`refers to input '${chain.field}' of step '${chain.step}', which it does not have`);
  }
}
