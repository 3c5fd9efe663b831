/**
 * The decision for one request, following the IAM User Guide "Policy evaluation logic",
 * "Determining whether a request is allowed or denied within an account" and "Cross-account
 * policy evaluation logic". Service control policies, resource control policies and VPC endpoint
 * policies are outside Kiln and not modelled.
 *
 * 1. An explicit Deny in any applicable policy (identity-based, resource-based, permissions
 *    boundary, session) decides: explicitDeny.
 * 2. Within one account (principal account = resource account) the request is allowed when an
 *    identity-based policy or a resource-based policy allows it, with these limits:
 *    - a permissions boundary, when present, must also allow it (boundaries cap identity-based
 *      permissions and those a resource-based policy grants to a role ARN);
 *    - session policies, when present, must also allow it (same reach as boundaries);
 *    - a resource-based policy that names the caller itself — the IAM user ARN or the
 *      assumed-role / federated-user session ARN — grants directly: an implicit deny in the
 *      identity-based policies, the boundary or the session policies does not limit it
 *      ("Policy evaluation logic" → resource-based policies; "Session policies": "If the
 *      resource-based policy specifies the ARN of the session ... the permissions are not limited
 *      by the session policy");
 *    - a resource-based policy that names the account (`123456789012` / `:root`) delegates to
 *      the account: the caller still needs an identity-based Allow (this is why a role trust
 *      policy naming the account root still needs `sts:AssumeRole` in the caller's policies).
 * 3. Across accounts both sides must allow: the caller's identity-based policies (capped by its
 *    boundary and session policies) and the resource-based policy of the resource.
 * 4. Otherwise implicitDeny, with AWS's access-denied wording for the policy type that lacked
 *    the Allow ("Access denied error message examples").
 *
 * The account root (`type: 'Account'`) is allowed everything in its own account (callers
 * normally skip evaluation for it); a service principal (`type: 'Service'`) has no
 * identity-based policies, so only resource-based policies (a trust policy) can allow it.
 */
import { compilePolicy, statementsForAction, type CompiledPolicy } from './compile.js';
import { EvalContext } from './context.js';
import { NO_PRINCIPAL_ELEMENT, matchStatement } from './match.js';
import { PrincipalMatch } from './principals.js';
import type { Decision, EvaluationInput, MatchedStatement, PolicySource } from './types.js';

type Source = MatchedStatement['source'];

class Outcome {
  identityAllows = false;
  boundaryAllows = false;
  sessionAllows = false;
  /** Bit set of PrincipalMatch kinds through which resource-based statements allowed. */
  resourceKinds = 0;
  allows: MatchedStatement[] = [];
  denies: MatchedStatement[] | undefined;
  /** The first source (in DENY_ORDER) with a denying statement. */
  deniedBy: Source | undefined;
}

/**
 * Callers that keep their PolicySource objects between requests get the compiled policy back by
 * object identity (a WeakMap lookup), checked against the text in case the source was changed.
 */
const bySource = new WeakMap<PolicySource, CompiledPolicy>();

function compiledOf(source: PolicySource): CompiledPolicy {
  const given = source.compiled ?? bySource.get(source);
  if (given !== undefined && given.text === source.document) return given;
  const compiled = compilePolicy(source.document);
  bySource.set(source, compiled);
  return compiled;
}

function scan(sources: readonly PolicySource[] | undefined, kind: Source, ctx: EvalContext, out: Outcome): void {
  if (sources === undefined) return;
  for (let p = 0; p < sources.length; p++) scanOne(sources[p], kind, ctx, out);
}

function scanOne(source: PolicySource, kind: Source, ctx: EvalContext, out: Outcome): void {
  const statements = statementsForAction(compiledOf(source), ctx.action);
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i];
    const how = matchStatement(s, ctx);
    if (how === 0) continue;
    // In identity-based, boundary and session policies a Principal element does not belong;
    // resource-based statements without one name nobody.
    if (kind === 'resource' ? how === NO_PRINCIPAL_ELEMENT : how !== NO_PRINCIPAL_ELEMENT) continue;
    const matched: MatchedStatement = { policyId: source.id, index: s.index, effect: s.effect, source: kind };
    if (s.sid !== undefined) matched.sid = s.sid;
    if (s.effect === 'Deny') {
      (out.denies ??= []).push(matched);
      if (out.deniedBy === undefined || DENY_ORDER[kind] < DENY_ORDER[out.deniedBy]) out.deniedBy = kind;
      continue;
    }
    out.allows.push(matched);
    switch (kind) {
      case 'identity': out.identityAllows = true; break;
      case 'boundary': out.boundaryAllows = true; break;
      case 'session': out.sessionAllows = true; break;
      case 'resource': out.resourceKinds |= 1 << how; break;
    }
  }
}

/** Which policy type an explicit-deny message names when several deny (AWS names only one). */
const DENY_ORDER: Record<Source, number> = { identity: 0, resource: 1, boundary: 2, session: 3 };

const EXPLICIT: Record<Source, string> = {
  identity: 'with an explicit deny in an identity-based policy',
  resource: 'with an explicit deny in a resource-based policy',
  boundary: 'with an explicit deny in a permissions boundary',
  session: 'with an explicit deny in a session policy',
};

function bit(kind: PrincipalMatch): number {
  return 1 << kind;
}
/** Resource-based grants that stand without an identity-based Allow in the same account. */
const GRANTS_WITHOUT_IDENTITY = bit(PrincipalMatch.Everyone) | bit(PrincipalMatch.Role) | bit(PrincipalMatch.Service) | bit(PrincipalMatch.Federated);

export function evaluate(input: EvaluationInput): Decision {
  const { request } = input;
  const ctx = new EvalContext(request);
  const out = new Outcome();
  const sessions = input.sessionPolicies !== undefined && input.sessionPolicies.length > 0 ? input.sessionPolicies : undefined;
  scan(input.identityPolicies, 'identity', ctx, out);
  scan(input.resourcePolicies, 'resource', ctx, out);
  if (input.permissionsBoundary) scanOne(input.permissionsBoundary, 'boundary', ctx, out);
  scan(sessions, 'session', ctx, out);

  const missing = ctx.missingKeys();
  if (out.deniedBy !== undefined) {
    return { decision: 'explicitDeny', matchedStatements: out.denies!, missingContextValues: missing, reason: EXPLICIT[out.deniedBy] };
  }
  const lacking = lackingAllow(input, out, sessions !== undefined);
  if (lacking === undefined) return { decision: 'allowed', matchedStatements: out.allows, missingContextValues: missing };
  return { decision: 'implicitDeny', matchedStatements: [], missingContextValues: missing, reason: `because no ${lacking} allows the ${request.action} action` };
}

/** The policy type whose Allow is missing, or undefined when the request is allowed. */
function lackingAllow(input: EvaluationInput, out: Outcome, hasSessionPolicies: boolean): string | undefined {
  const { request } = input;
  const { principal } = request;
  const resourceAllows = out.resourceKinds !== 0;
  // A service acts only through resource-based policies (a role's trust policy).
  if (principal.type === 'Service') return resourceAllows ? undefined : 'resource-based policy';

  const sameAccount = request.resourceAccount === '' || principal.account === request.resourceAccount;
  const root = principal.type === 'Account';
  const identityAllows = out.identityAllows || root;

  if (sameAccount) {
    // Named directly (user or session ARN): not limited by identity-based policies, boundary or session policies.
    if (out.resourceKinds & bit(PrincipalMatch.Direct)) return undefined;
    if (!identityAllows && !(out.resourceKinds & GRANTS_WITHOUT_IDENTITY)) return 'identity-based policy';
  } else if (!identityAllows) {
    // Cross-account: the caller's own account must allow the request.
    return 'identity-based policy';
  }
  // Boundaries and session policies cap what identity-based policies and role grants give.
  if (!root && input.permissionsBoundary && !out.boundaryAllows) return 'permissions boundary';
  if (!root && hasSessionPolicies && !out.sessionAllows) return 'session policy';
  // Cross-account: the resource's account must allow it too, through any principal form.
  if (!sameAccount && !resourceAllows) return 'resource-based policy';
  return undefined;
}
