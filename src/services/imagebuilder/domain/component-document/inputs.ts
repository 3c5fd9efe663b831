/** A step's `inputs` against its action module: the shape, the required inputs and their types. */
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { ActionModule, InputSpec } from './action-modules.js';
import { fieldsOf } from './fields.js';
import { describeNode, scalarText, type Context, type Reporter } from './problems.js';

const EXPRESSION = /\{\{.*\}\}/;

/**
 * Checks the inputs and answers the input entries (one for a `map` module, one per item for a
 * `list` module; a `list` module given one mapping is read as a list of one).
 */
export function checkInputs(action: string, module: ActionModule, stepNode: Node, inputs: Node | null, reporter: Reporter, context: Context): YAMLMap[] {
  const none = inputs === null || (isScalar(inputs) && inputs.value === null) || ((isMap(inputs) || isSeq(inputs)) && inputs.items.length === 0);
  if (none) {
    if (module.optionalInputs) return [];
    reporter.fail(inputs ?? stepNode, context, `action ${action} has no inputs; it requires 'inputs'`);
  }
  if (module.shape === 'map') {
    if (!isMap(inputs)) reporter.fail(inputs, context, `the inputs of action ${action} must be a mapping of input names to values, not ${describeNode(inputs)}`);
    checkEntry(action, module, inputs, reporter, context);
    return [inputs];
  }
  const entries = isSeq(inputs) ? inputs.items : [inputs];
  return entries.map((entry) => {
    if (!isMap(entry)) reporter.fail(entry as Node, context, `each input of action ${action} must be a mapping, such as '- path: ...', not ${describeNode(entry)}`);
    checkEntry(action, module, entry, reporter, context);
    return entry;
  });
}

function checkEntry(action: string, module: ActionModule, entry: YAMLMap, reporter: Reporter, context: Context): void {
  const fields = fieldsOf(entry, reporter, context);
  if (action === 'Assert') return; // one comparison or logical operator, whichever the author needs
  for (const [name, spec] of Object.entries(module.inputs)) {
    const field = fields.get(name);
    if (!field) {
      if (spec.required) reporter.fail(entry, context, `action ${action} requires the input '${name}'`);
      continue;
    }
    checkType(action, name, spec, field.value, field.key, reporter, context);
  }
  if (module.oneOf) {
    const given = module.oneOf.filter((name) => fields.has(name));
    const choices = module.oneOf.map((name) => `'${name}'`).join(' or ');
    if (given.length === 0) reporter.fail(entry, context, `action ${action} requires one of the inputs ${choices}`);
    if (given.length > 1) reporter.fail(fields.get(given[1])!.key, context, `action ${action} takes either ${choices}, not both`);
  }
}

function checkType(action: string, name: string, spec: InputSpec, value: Node | null, key: Node, reporter: Reporter, context: Context): void {
  const where = value ?? key;
  const wrong = (expected: string): never => reporter.fail(where, context, `the input '${name}' of action ${action} must be ${expected}, not ${describeNode(value)}`);
  const text = scalarText(value);
  const expression = text !== undefined && EXPRESSION.test(text);
  switch (spec.type) {
    case 'string':
      if (text === undefined) wrong('a string');
      if (spec.values && !expression && !spec.values.some((v) => v.toLowerCase() === text!.toLowerCase())) {
        reporter.fail(where, context, `the input '${name}' of action ${action} must be one of ${spec.values.join(', ')}, not '${text}'`);
      }
      return;
    case 'boolean':
      if (!expression && !(text !== undefined && /^(true|false)$/i.test(text))) wrong('true or false');
      return;
    case 'integer':
      if (!expression && !(text !== undefined && /^-?[0-9]+$/.test(text))) wrong('a whole number');
      return;
    case 'stringList':
      if (!isSeq(value) || value.items.some((item) => scalarText(item) === undefined)) wrong('a list of strings');
      return;
    case 'stringMap':
      if (!isMap(value) || value.items.some((pair) => scalarText(pair.value) === undefined)) wrong('a mapping of names to strings');
      return;
    case 'parameterList':
      if (!isSeq(value) || value.items.some((item) => !isMap(item) || !item.has('name') || !item.has('value'))) wrong("a list of '- name: ... value: ...' entries");
      return;
    case 'any':
      if (value === null || (isScalar(value) && value.value === null)) wrong('given');
  }
}
