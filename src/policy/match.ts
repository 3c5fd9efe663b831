/**
 * Whether one statement applies to a request, once its Action / NotAction already covers the
 * action (compile.ts indexes statements by action): Resource / NotResource, then Principal /
 * NotPrincipal, then Condition — cheapest first.
 *
 * A policy variable without a value and without a default (IAM User Guide, "IAM policy
 * elements: Variables and tags": the element that uses it does not match): a Resource entry using
 * it matches nothing; in NotResource or in a Condition it makes the whole statement not apply, so
 * that a missing value never widens what a NotResource or a negated condition covers.
 */
import { arnMatches } from './arn-match.js';
import type { CompiledStatement } from './compile.js';
import { conditionsHold } from './conditions.js';
import type { EvalContext } from './context.js';
import { PrincipalMatch, matchPrincipal } from './principals.js';

/** Returned for statements without a Principal element (identity-based policies). */
export const NO_PRINCIPAL_ELEMENT = 7;

/** 0 when the statement does not apply; otherwise how its principal matched (or NO_PRINCIPAL_ELEMENT). */
export function matchStatement(s: CompiledStatement, ctx: EvalContext): number {
  const resource = ctx.request.resource;
  if (s.resources !== undefined) {
    let hit = false;
    for (let i = 0; i < s.resources.length; i++) if (arnMatches(s.resources[i], resource, ctx)) { hit = true; break; }
    ctx.unresolved = false;
    if (!hit) return 0;
  } else if (s.notResources !== undefined) {
    for (let i = 0; i < s.notResources.length; i++) if (arnMatches(s.notResources[i], resource, ctx)) return 0;
    if (ctx.unresolved) { ctx.unresolved = false; return 0; }
  }

  let how = NO_PRINCIPAL_ELEMENT;
  if (s.principal !== undefined) {
    how = matchPrincipal(s.principal, ctx.request.principal);
    if (how === PrincipalMatch.None) return 0;
  } else if (s.notPrincipal !== undefined) {
    if (matchPrincipal(s.notPrincipal, ctx.request.principal) !== PrincipalMatch.None) return 0;
    how = PrincipalMatch.Everyone;
  }

  if (s.conditions !== undefined) {
    const holds = conditionsHold(s.conditions, ctx);
    const unresolved = ctx.unresolved;
    ctx.unresolved = false;
    if (!holds || unresolved) return 0;
  }
  return how;
}
