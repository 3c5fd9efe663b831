/**
 * Checks a parsed input against its model shape: required members, string length, list and map
 * sizes, numeric ranges, patterns and enums. It reports violations; each protocol words them the
 * way its services do (see query/errors.ts and restjson/errors.ts).
 */
import type { ServiceModel, Shape } from './model.js';

/** A step into the input: a member name or a list index (0-based). */
export type PathStep = string | number;

export interface Violation {
  path: PathStep[];
  value: unknown;
  constraint:
    | { kind: 'required' }
    | { kind: 'minLength' | 'maxLength' | 'min' | 'max'; limit: number }
    | { kind: 'pattern'; pattern: string }
    | { kind: 'enum'; values: string[] };
}

export function validate(model: ServiceModel, shapeName: string, value: unknown): Violation[] {
  const violations: Violation[] = [];
  check(model, model.shapes[shapeName], value, [], violations);
  return violations;
}

function check(model: ServiceModel, shape: Shape, value: unknown, path: PathStep[], out: Violation[]): void {
  switch (shape.type) {
    case 'structure': {
      const record = (value ?? {}) as Record<string, unknown>;
      for (const required of shape.required ?? []) {
        if (record[required] === undefined || record[required] === null) out.push({ path: [...path, required], value: null, constraint: { kind: 'required' } });
      }
      for (const [name, ref] of Object.entries(shape.members ?? {})) {
        const inner = record[name];
        if (inner !== undefined && inner !== null) check(model, model.shapes[ref.shape], inner, [...path, name], out);
      }
      return;
    }
    case 'list': {
      const list = value as unknown[];
      checkSize(shape, list.length, value, path, out);
      list.forEach((item, i) => check(model, model.shapes[shape.member!.shape], item, [...path, i], out));
      return;
    }
    case 'map': {
      const map = value as Record<string, unknown>;
      const keys = Object.keys(map);
      checkSize(shape, keys.length, value, path, out);
      for (const key of keys) {
        check(model, model.shapes[shape.key!.shape], key, [...path, key], out);
        check(model, model.shapes[shape.value!.shape], map[key], [...path, key], out);
      }
      return;
    }
    case 'string': {
      const text = value as string;
      checkSize(shape, text.length, value, path, out);
      if (shape.enum && !shape.enum.includes(text)) out.push({ path, value, constraint: { kind: 'enum', values: shape.enum } });
      if (shape.pattern && !model.patterns.get(shape.pattern)!.test(text)) out.push({ path, value, constraint: { kind: 'pattern', pattern: shape.pattern } });
      return;
    }
    case 'blob':
      checkSize(shape, (value as Uint8Array).length, value, path, out);
      return;
    case 'integer': case 'long': case 'double': case 'float': {
      const n = value as number;
      if (shape.min !== undefined && n < shape.min) out.push({ path, value, constraint: { kind: 'min', limit: shape.min } });
      if (shape.max !== undefined && n > shape.max) out.push({ path, value, constraint: { kind: 'max', limit: shape.max } });
      return;
    }
    default:
      return;
  }
}

function checkSize(shape: Shape, size: number, value: unknown, path: PathStep[], out: Violation[]): void {
  if (shape.min !== undefined && size < shape.min) out.push({ path, value, constraint: { kind: 'minLength', limit: shape.min } });
  if (shape.max !== undefined && size > shape.max) out.push({ path, value, constraint: { kind: 'maxLength', limit: shape.max } });
}
