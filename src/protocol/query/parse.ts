/**
 * awsQuery input: flat `Name.member.1.Key=...` parameters → a typed input object, by the model.
 * Lists are `.member.N` (1-based), maps `.entry.N.key` / `.entry.N.value`, unless flattened.
 */
import { AwsError } from '../../kernel/errors.js';
import type { MemberRef, ServiceModel, Shape } from '../model.js';

interface Node {
  value?: string;
  children?: Map<string, Node>;
}

function buildTree(pairs: Array<[string, string]>): Node {
  const root: Node = {};
  for (const [name, value] of pairs) {
    let node = root;
    for (const part of name.split('.')) {
      node.children ??= new Map();
      let next = node.children.get(part);
      if (!next) node.children.set(part, (next = {}));
      node = next;
    }
    node.value = value;
  }
  return root;
}

/** `Action` and `Version` travel with the parameters; everything else is the operation's input. */
export function parseQueryInput(model: ServiceModel, inputShape: string | undefined, pairs: Array<[string, string]>): Record<string, unknown> {
  if (!inputShape) return {};
  return readStructure(model, model.shapes[inputShape], buildTree(pairs), '');
}

function readValue(model: ServiceModel, ref: MemberRef, node: Node, path: string): unknown {
  const shape = model.shapes[ref.shape];
  switch (shape.type) {
    case 'structure': return readStructure(model, shape, node, path);
    case 'list': return readList(model, shape, node, path);
    case 'map': return readMap(model, shape, node, path);
    default: return readScalar(shape, node.value ?? '', path);
  }
}

function readStructure(model: ServiceModel, shape: Shape, node: Node, path: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const child = node.children?.get(ref.locationName ?? name);
    if (child) out[name] = readValue(model, ref, child, path ? `${path}.${name}` : name);
  }
  return out;
}

/** The numbered children of a node, in index order. */
function numbered(node: Node | undefined): Node[] {
  if (!node?.children) return [];
  return [...node.children.entries()]
    .filter(([key]) => /^[1-9][0-9]*$/.test(key))
    .sort((a, b) => Number(a[0]) - Number(b[0]))
    .map(([, child]) => child);
}

function readList(model: ServiceModel, shape: Shape, node: Node, path: string): unknown[] {
  const items = shape.flattened ? numbered(node) : numbered(node.children?.get(shape.member!.locationName ?? 'member'));
  return items.map((item, i) => readValue(model, shape.member!, item, `${path}.${i + 1}.member`));
}

function readMap(model: ServiceModel, shape: Shape, node: Node, path: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const entries = shape.flattened ? numbered(node) : numbered(node.children?.get('entry'));
  for (const entry of entries) {
    const key = entry.children?.get(shape.key!.locationName ?? 'key')?.value;
    const value = entry.children?.get(shape.value!.locationName ?? 'value');
    if (key !== undefined && value) out[key] = readValue(model, shape.value!, value, `${path}.${key}`);
  }
  return out;
}

function typeError(path: string, value: string, expected: string): AwsError {
  // AWS's wording for a non-numeric or non-boolean query value is not documented; this follows
  // its validation-message style so the caller sees the member and the value.
  const member = path.charAt(0).toLowerCase() + path.slice(1);
  return new AwsError('ValidationError', `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must be ${expected}`);
}

function readScalar(shape: Shape, text: string, path: string): unknown {
  switch (shape.type) {
    case 'integer': case 'long':
      if (!/^-?[0-9]+$/.test(text)) throw typeError(path, text, 'an integer');
      return Number(text);
    case 'double': case 'float':
      if (!/^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$/.test(text)) throw typeError(path, text, 'a number');
      return Number(text);
    case 'boolean':
      if (text !== 'true' && text !== 'false') throw typeError(path, text, 'a boolean (true or false)');
      return text === 'true';
    case 'timestamp': {
      const date = new Date(/^[0-9]+(\.[0-9]+)?$/.test(text) ? Number(text) * 1000 : text);
      if (Number.isNaN(date.getTime())) throw typeError(path, text, 'a timestamp');
      return date;
    }
    case 'blob':
      return Buffer.from(text, 'base64');
    default:
      return text;
  }
}
