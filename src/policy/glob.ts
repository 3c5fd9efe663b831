/**
 * Wildcard matching (`*` any run of characters, `?` one character), compiled once per pattern.
 * Most policy patterns are an exact text, `prefix*`, `*suffix` or `*`; those take string
 * fast paths. The rest become an array of character codes with STAR / QMARK markers, matched
 * by the linear-time greedy algorithm with one backtrack point. Matching works on a range of the
 * subject string so ARN segments can be matched without splitting (no allocation).
 *
 * Callers that need case-insensitive matching (actions) lower-case both sides beforehand.
 */

export const STAR = -1;
export const QMARK = -2;

/** A pattern piece: literal text, or a wildcard. Literal `*` / `?` (from `${*}`, `${?}`) stay text. */
export type GlobPiece = string | typeof STAR | typeof QMARK;

export enum GlobKind { Any, Exact, Prefix, Suffix, General }

export interface Glob {
  kind: GlobKind;
  /** The literal text for Exact / Prefix / Suffix. */
  text: string;
  /** Character codes for General. */
  codes: Int32Array | undefined;
}

export const ANY_GLOB: Glob = { kind: GlobKind.Any, text: '', codes: undefined };

/** Compiles pattern pieces (adjacent literals may be split) into the cheapest matcher. */
export function compileGlob(pieces: readonly GlobPiece[]): Glob {
  const merged: GlobPiece[] = [];
  for (const piece of pieces) {
    const last = merged[merged.length - 1];
    if (typeof piece === 'string') {
      if (piece === '') continue;
      if (typeof last === 'string') merged[merged.length - 1] = last + piece;
      else merged.push(piece);
    } else if (!(piece === STAR && last === STAR)) {
      merged.push(piece);
    }
  }
  if (merged.length === 0) return { kind: GlobKind.Exact, text: '', codes: undefined };
  if (merged.length === 1) {
    const only = merged[0];
    if (only === STAR) return ANY_GLOB;
    if (typeof only === 'string') return { kind: GlobKind.Exact, text: only, codes: undefined };
  }
  if (merged.length === 2) {
    const [a, b] = merged;
    if (typeof a === 'string' && b === STAR) return { kind: GlobKind.Prefix, text: a, codes: undefined };
    if (a === STAR && typeof b === 'string') return { kind: GlobKind.Suffix, text: b, codes: undefined };
  }
  return { kind: GlobKind.General, text: '', codes: toCodes(merged) };
}

/** Splits pattern text on `*` and `?` (no variables) and compiles it. */
export function compileGlobText(text: string): Glob {
  return compileGlob(splitWildcards(text));
}

export function splitWildcards(text: string): GlobPiece[] {
  const pieces: GlobPiece[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 42 /* * */ || c === 63 /* ? */) {
      if (i > start) pieces.push(text.slice(start, i));
      pieces.push(c === 42 ? STAR : QMARK);
      start = i + 1;
    }
  }
  if (start < text.length) pieces.push(text.slice(start));
  return pieces;
}

function toCodes(pieces: readonly GlobPiece[]): Int32Array {
  let length = 0;
  for (const piece of pieces) length += typeof piece === 'string' ? piece.length : 1;
  const codes = new Int32Array(length);
  let at = 0;
  for (const piece of pieces) {
    if (typeof piece === 'string') for (let i = 0; i < piece.length; i++) codes[at++] = piece.charCodeAt(i);
    else codes[at++] = piece;
  }
  return codes;
}

/** Whether `subject[start, end)` matches the glob. */
export function globMatchRange(glob: Glob, subject: string, start: number, end: number): boolean {
  switch (glob.kind) {
    case GlobKind.Any: return true;
    case GlobKind.Exact: return end - start === glob.text.length && subject.startsWith(glob.text, start);
    case GlobKind.Prefix: return end - start >= glob.text.length && subject.startsWith(glob.text, start);
    case GlobKind.Suffix: return end - start >= glob.text.length && subject.startsWith(glob.text, end - glob.text.length);
    default: return matchCodes(glob.codes!, subject, start, end);
  }
}

export function globMatch(glob: Glob, subject: string): boolean {
  switch (glob.kind) {
    case GlobKind.Any: return true;
    case GlobKind.Exact: return subject === glob.text;
    case GlobKind.Prefix: return subject.startsWith(glob.text);
    case GlobKind.Suffix: return subject.endsWith(glob.text);
    default: return matchCodes(glob.codes!, subject, 0, subject.length);
  }
}

/** Greedy wildcard match with a single backtrack point: O(n·m) worst case, no allocation. */
export function matchCodes(pattern: Int32Array, subject: string, start: number, end: number): boolean {
  const n = pattern.length;
  let p = 0;
  let s = start;
  let starP = -1;
  let starS = 0;
  while (s < end) {
    if (p < n) {
      const c = pattern[p];
      if (c === STAR) { starP = p++; starS = s; continue; }
      if (c === QMARK || c === subject.charCodeAt(s)) { p++; s++; continue; }
    }
    if (starP >= 0) { p = starP + 1; s = ++starS; continue; }
    return false;
  }
  while (p < n && pattern[p] === STAR) p++;
  return p === n;
}
