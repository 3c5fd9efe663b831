/**
 * The `Condition` element, compiled once per statement and evaluated per request (IAM User Guide,
 * "IAM JSON policy elements: Condition operators", "Creating a condition with multiple keys or
 * values", "Multivalued context keys"):
 * - all operators of a block, and all keys under one operator, must hold (AND);
 * - several values for one key: any of them may match (OR);
 * - a key the request does not carry makes the condition false, except for `...IfExists`
 *   (true), negated operators (true: nothing matches), `ForAllValues:` (true: vacuous), and
 *   `Null` (which asks exactly that);
 * - key names are case-insensitive, values case-sensitive except for `...IgnoreCase`.
 * Policy variables are allowed in the values of String and Arn operators.
 */
import { arnMatches, compileArnPattern, type ArnPattern } from './arn-match.js';
import type { EvalContext, KeyValue } from './context.js';
import { parseDate } from './dates.js';
import { compileGlob, globMatch, type Glob, type GlobPiece } from './glob.js';
import { cidrContains, parseCidr, parseIp, type Cidr } from './ip.js';
import { parseOperator, type ParsedOperator } from './operators.js';
import { hasVariables, resolvePieces, resolveText, tokenize, type Piece } from './variables.js';

type CompiledValue =
  | { kind: 'text'; text: string }
  | { kind: 'pieces'; pieces: Piece[] }
  | { kind: 'glob'; glob: Glob }
  | { kind: 'number'; value: number }
  | { kind: 'cidr'; cidr: Cidr | undefined }
  | { kind: 'arn'; pattern: ArnPattern }
  | { kind: 'null'; absent: boolean };

export interface CompiledCondition {
  /** Undefined for an operator IAM does not know: such a condition never holds. */
  op: ParsedOperator | undefined;
  key: string;
  lkey: string;
  values: CompiledValue[];
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function scalars(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const item of items) {
    if (typeof item === 'string') out.push(item);
    else if (typeof item === 'number' || typeof item === 'boolean') out.push(String(item));
  }
  return out;
}

/** Compiles a `Condition` object; `variables` is true for 2012-10-17 documents. */
export function compileConditions(element: unknown, variables: boolean): CompiledCondition[] {
  const out: CompiledCondition[] = [];
  if (!element || typeof element !== 'object' || Array.isArray(element)) return out;
  for (const [name, block] of Object.entries(element as Record<string, unknown>)) {
    if (!block || typeof block !== 'object' || Array.isArray(block)) continue;
    const op = parseOperator(name);
    for (const [key, raw] of Object.entries(block as Record<string, unknown>)) {
      const values = op ? scalars(raw).map((text) => compileValue(op, text, variables)) : [];
      out.push({ op, key, lkey: key.toLowerCase(), values });
    }
  }
  return out;
}

function compileValue(op: ParsedOperator, text: string, variables: boolean): CompiledValue {
  switch (op.family) {
    case 'String': {
      const like = op.comparison === 'like';
      const pieces = tokenize(text, variables, like);
      if (hasVariables(pieces)) return { kind: 'pieces', pieces };
      if (like) return { kind: 'glob', glob: compileGlob(pieces as GlobPiece[]) };
      return { kind: 'text', text: op.comparison === 'equalsIgnoreCase' ? text.toLowerCase() : text };
    }
    case 'Numeric': return { kind: 'number', value: NUMBER.test(text.trim()) ? Number(text) : NaN };
    case 'Date': return { kind: 'number', value: parseDate(text) ?? NaN };
    case 'Bool': return { kind: 'text', text: text.toLowerCase() };
    case 'Binary': return { kind: 'text', text };
    case 'Ip': return { kind: 'cidr', cidr: parseCidr(text.trim()) };
    case 'Arn': return { kind: 'arn', pattern: compileArnPattern(text, variables) };
    case 'Null': return { kind: 'null', absent: text.toLowerCase() === 'true' };
  }
}

/** Whether every condition holds. Missing keys are noted on the context. */
export function conditionsHold(conditions: readonly CompiledCondition[], ctx: EvalContext): boolean {
  for (let i = 0; i < conditions.length; i++) if (!conditionHolds(conditions[i], ctx)) return false;
  return true;
}

function conditionHolds(c: CompiledCondition, ctx: EvalContext): boolean {
  const op = c.op;
  if (!op) return false;
  const raw = ctx.get(c.key, c.lkey);
  const absent = raw === undefined || (typeof raw !== 'string' && raw.length === 0 && op.set === undefined);
  if (op.family === 'Null') {
    // "Null": {"key": "true"} holds when the key is absent; "false" when it is present.
    for (const v of c.values) if (v.kind === 'null' && v.absent === absent) return true;
    return false;
  }
  if (absent) {
    ctx.noteMissing(c.key, c.lkey);
    if (op.ifExists) return true;
    if (op.set === 'ForAllValues') return true;
    if (op.set === 'ForAnyValue') return false;
    return op.negated;
  }
  const values: KeyValue = raw!;
  if (typeof values === 'string') return op.negated !== anyValueMatches(c, op, values, ctx);
  switch (op.set) {
    case 'ForAllValues':
      for (const v of values) if (op.negated === anyValueMatches(c, op, v, ctx)) return false;
      return true;
    case 'ForAnyValue':
      for (const v of values) if (op.negated !== anyValueMatches(c, op, v, ctx)) return true;
      return false;
    default: {
      // A multivalued key without a set operator: a positive operator holds when any request value
      // matches; a negated one when none does.
      let any = false;
      for (const v of values) if (anyValueMatches(c, op, v, ctx)) { any = true; break; }
      return op.negated !== any;
    }
  }
}

/** Whether the request value matches at least one policy value (ignoring negation). */
function anyValueMatches(c: CompiledCondition, op: ParsedOperator, value: string, ctx: EvalContext): boolean {
  switch (op.family) {
    case 'String': return stringMatches(c, op, value, ctx);
    case 'Numeric': {
      if (!NUMBER.test(value.trim())) return false;
      return numberMatches(c, op, Number(value));
    }
    case 'Date': {
      const ms = parseDate(value);
      return ms !== undefined && numberMatches(c, op, ms);
    }
    case 'Bool': {
      const lower = value.toLowerCase();
      for (const v of c.values) if (v.kind === 'text' && v.text === lower) return true;
      return false;
    }
    case 'Binary':
      for (const v of c.values) if (v.kind === 'text' && v.text === value) return true;
      return false;
    case 'Ip': {
      const address = parseIp(value.trim());
      if (!address) return false;
      for (const v of c.values) if (v.kind === 'cidr' && v.cidr && cidrContains(v.cidr, address)) return true;
      return false;
    }
    case 'Arn':
      for (const v of c.values) if (v.kind === 'arn' && arnMatches(v.pattern, value, ctx)) return true;
      return false;
    default: return false;
  }
}

function stringMatches(c: CompiledCondition, op: ParsedOperator, value: string, ctx: EvalContext): boolean {
  const ignoreCase = op.comparison === 'equalsIgnoreCase';
  const subject = ignoreCase ? value.toLowerCase() : value;
  for (const v of c.values) {
    switch (v.kind) {
      case 'text': if (v.text === subject) return true; break;
      case 'glob': if (globMatch(v.glob, subject)) return true; break;
      case 'pieces': {
        if (op.comparison === 'like') {
          const resolved = resolvePieces(v.pieces, ctx);
          if (resolved !== undefined && globMatch(compileGlob(resolved), subject)) return true;
        } else {
          const text = resolveText(v.pieces, ctx);
          if (text !== undefined && (ignoreCase ? text.toLowerCase() : text) === subject) return true;
        }
        break;
      }
    }
  }
  return false;
}

function numberMatches(c: CompiledCondition, op: ParsedOperator, n: number): boolean {
  for (const v of c.values) {
    if (v.kind !== 'number' || Number.isNaN(v.value)) continue;
    const p = v.value;
    switch (op.comparison) {
      case 'equals': if (n === p) return true; break;
      case 'lt': if (n < p) return true; break;
      case 'lte': if (n <= p) return true; break;
      case 'gt': if (n > p) return true; break;
      case 'gte': if (n >= p) return true; break;
    }
  }
  return false;
}
