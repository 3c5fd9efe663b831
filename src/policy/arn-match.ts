/**
 * ARN patterns for `Resource` / `NotResource` and the `Arn*` condition operators. AWS matches
 * the six colon-separated parts of an ARN (arn:partition:service:region:account:resource) one
 * by one, each with `*` / `?` wildcards, case-sensitively ("ArnLike: Case-sensitive matching of
 * the ARN. Each of the six colon-delimited components of the ARN is checked separately"). A
 * pattern with fewer than six parts is read with the missing parts as `*` (IAM shows such a
 * pattern as `arn:x:*:*:*:*` in its messages).
 *
 * When every wildcard sits in the last part (the common `arn:aws:s3:::bucket/*`), matching the
 * whole text is the same as matching part by part, so that pattern compiles to one string
 * matcher.
 */
import type { EvalContext } from './context.js';
import { ANY_GLOB, STAR, compileGlob, globMatch, globMatchRange, type Glob, type GlobPiece } from './glob.js';
import { hasVariables, resolvePieces, tokenize, type Piece } from './variables.js';

type Segment = Glob | Piece[];

export interface ArnPattern {
  /** The pattern as written. */
  text: string;
  /** A whole-text matcher, when part-by-part matching is not needed. */
  whole: Glob | undefined;
  /** Whole-text pieces with variables, resolved per request (wildcards only in the last part). */
  wholePieces: Piece[] | undefined;
  /** Six part matchers otherwise. */
  segments: Segment[] | undefined;
}

export function compileArnPattern(text: string, variables: boolean): ArnPattern {
  const pieces = tokenize(text, variables, true);
  const segments = splitSegments(pieces);
  const wildcardOutsideLast = segments.slice(0, 5).some((segment) => segment.some((p) => typeof p === 'number'));
  if (segments.length === 6 && !wildcardOutsideLast) {
    if (!hasVariables(pieces)) return { text, whole: compileGlob(pieces as GlobPiece[]), wholePieces: undefined, segments: undefined };
    return { text, whole: undefined, wholePieces: pieces, segments: undefined };
  }
  if (pieces.length === 1 && pieces[0] === STAR) return { text, whole: ANY_GLOB, wholePieces: undefined, segments: undefined };
  while (segments.length < 6) segments.push([STAR]);
  return {
    text, whole: undefined, wholePieces: undefined,
    segments: segments.map((segment) => (hasVariables(segment) ? segment : compileGlob(segment as GlobPiece[]))),
  };
}

/** Splits pieces at the first five literal colons (a colon inside a variable name does not count). */
function splitSegments(pieces: readonly Piece[]): Piece[][] {
  const segments: Piece[][] = [[]];
  for (const piece of pieces) {
    if (typeof piece !== 'string') { segments[segments.length - 1].push(piece); continue; }
    let rest = piece;
    let colon = rest.indexOf(':');
    while (colon >= 0 && segments.length < 6) {
      if (colon > 0) segments[segments.length - 1].push(rest.slice(0, colon));
      segments.push([]);
      rest = rest.slice(colon + 1);
      colon = rest.indexOf(':');
    }
    if (rest !== '') segments[segments.length - 1].push(rest);
  }
  return segments;
}

/** Whether `arn` matches. A variable without a value makes it not match (and flags `ctx.unresolved`). */
export function arnMatches(pattern: ArnPattern, arn: string, ctx: EvalContext): boolean {
  if (pattern.whole) return globMatch(pattern.whole, arn);
  if (pattern.wholePieces) {
    const resolved = resolvePieces(pattern.wholePieces, ctx);
    return resolved !== undefined && globMatch(compileGlob(resolved), arn);
  }
  const segments = pattern.segments!;
  let start = 0;
  for (let i = 0; i < 6; i++) {
    let end: number;
    if (i < 5) {
      end = arn.indexOf(':', start);
      if (end < 0) return false;
    } else {
      end = arn.length;
    }
    const segment = segments[i];
    let glob: Glob;
    if (Array.isArray(segment)) {
      const resolved = resolvePieces(segment, ctx);
      if (resolved === undefined) return false;
      glob = compileGlob(resolved);
    } else {
      glob = segment;
    }
    if (!globMatchRange(glob, arn, start, end)) return false;
    start = end + 1;
  }
  return true;
}
