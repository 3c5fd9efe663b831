/**
 * Policy variables (IAM User Guide, "IAM policy elements: Variables and tags"):
 * `${aws:username}`, any request key, defaults `${aws:PrincipalTag/team, 'none'}`, and the
 * special `${*}`, `${?}`, `${$}` that stand for a literal `*`, `?`, `$`. Variables exist only in
 * documents with `"Version": "2012-10-17"`; in older documents the text is literal.
 *
 * Patterns are tokenized once at compile time; a pattern without variables is compiled straight
 * to a matcher, one with variables is resolved per request (a missing value without a default
 * makes the statement not apply, as AWS does).
 */
import type { EvalContext } from './context.js';
import { QMARK, STAR, splitWildcards, type GlobPiece } from './glob.js';

export interface VarRef {
  /** The key as written. */
  key: string;
  lkey: string;
  /** The default after the comma, without its quotes. */
  fallback: string | undefined;
}

export type Piece = GlobPiece | VarRef;

export function isVarRef(piece: Piece): piece is VarRef {
  return typeof piece === 'object';
}

/**
 * Splits text into literals, wildcards (when `wildcards`) and variables (when `variables`).
 * Literal `*` / `?` produced by `${*}` / `${?}` stay literal text and never act as wildcards.
 */
export function tokenize(text: string, variables: boolean, wildcards: boolean): Piece[] {
  if (!variables || !text.includes('${')) return wildcards ? splitWildcards(text) : [text];
  const pieces: Piece[] = [];
  let at = 0;
  while (at < text.length) {
    const open = text.indexOf('${', at);
    const close = open < 0 ? -1 : text.indexOf('}', open + 2);
    if (open < 0 || close < 0) { pushText(pieces, text.slice(at), wildcards); break; }
    pushText(pieces, text.slice(at, open), wildcards);
    const inner = text.slice(open + 2, close);
    const variable = parseVariable(inner);
    if (variable === undefined) pushText(pieces, text.slice(open, close + 1), wildcards);
    else pieces.push(variable);
    at = close + 1;
  }
  return pieces;
}

function pushText(pieces: Piece[], text: string, wildcards: boolean): void {
  if (text === '') return;
  if (wildcards) for (const piece of splitWildcards(text)) pieces.push(piece);
  else pieces.push(text);
}

/** `key`, `key, 'default'`, or one of the special characters. Undefined when it is not a variable. */
function parseVariable(inner: string): VarRef | string | undefined {
  const trimmed = inner.trim();
  if (trimmed === '*' || trimmed === '?' || trimmed === '$') return trimmed;
  const comma = trimmed.indexOf(',');
  if (comma < 0) {
    if (trimmed === '' || /\s/.test(trimmed)) return undefined;
    return { key: trimmed, lkey: trimmed.toLowerCase(), fallback: undefined };
  }
  const key = trimmed.slice(0, comma).trim();
  const rest = trimmed.slice(comma + 1).trim();
  if (key === '' || /\s/.test(key) || rest.length < 2 || rest[0] !== "'" || rest[rest.length - 1] !== "'") return undefined;
  return { key, lkey: key.toLowerCase(), fallback: rest.slice(1, -1) };
}

export function hasVariables(pieces: readonly Piece[]): boolean {
  for (const piece of pieces) if (typeof piece === 'object') return true;
  return false;
}

/** The value of one variable for this request, or undefined (noted as missing) when there is none. */
export function resolveVariable(ref: VarRef, ctx: EvalContext): string | undefined {
  const value = ctx.get(ref.key, ref.lkey);
  if (typeof value === 'string') return value;
  // A multivalued key has no single value to substitute, unless it carries exactly one.
  if (value !== undefined && value.length === 1) return value[0];
  if (ref.fallback !== undefined) return ref.fallback;
  ctx.noteMissing(ref.key, ref.lkey);
  ctx.unresolved = true;
  return undefined;
}

/** Replaces variables with their values (as literal text); undefined when one has no value. */
export function resolvePieces(pieces: readonly Piece[], ctx: EvalContext): GlobPiece[] | undefined {
  const out: GlobPiece[] = [];
  for (const piece of pieces) {
    if (typeof piece !== 'object') { out.push(piece); continue; }
    const value = resolveVariable(piece, ctx);
    if (value === undefined) return undefined;
    out.push(value);
  }
  return out;
}

/** Resolves pieces that hold no wildcards into one string. */
export function resolveText(pieces: readonly Piece[], ctx: EvalContext): string | undefined {
  let out = '';
  for (const piece of pieces) {
    if (typeof piece === 'string') out += piece;
    else if (piece === STAR) out += '*';
    else if (piece === QMARK) out += '?';
    else {
      const value = resolveVariable(piece, ctx);
      if (value === undefined) return undefined;
      out += value;
    }
  }
  return out;
}
