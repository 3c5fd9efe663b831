/**
 * Who may assume a role: the role's trust policy and the caller's own policies, evaluated
 * together for `sts:AssumeRole` and, when the request asks for them, `sts:TagSession` (session
 * tags) and `sts:SetSourceIdentity` (a source identity, also when one is carried over in a role
 * chain).
 *
 * The evaluation goes through `ctx.authorize` with the trust policy as the role's resource-based
 * policy, so that `--iam-enforcement` and the denial log (with its encoded authorization message)
 * work as for every other permission: in the role's own account a trust policy that names the
 * caller (user, session or role ARN) grants by itself, one that names the account needs an Allow
 * in the caller's identity-based policies too, and across accounts both sides must allow (IAM
 * User Guide, "Policy evaluation logic", "Cross-account policy evaluation logic").
 *
 * Two things are the role's own:
 * - the trust policy must always let the caller in: an identity-based Allow alone never lets
 *   anyone assume a role (a user with AdministratorAccess cannot assume a service-linked role).
 *   `ctx.authorize` treats the trust policy like any resource policy, which within one account
 *   an identity-based Allow could satisfy alone, so `trustAdmits` checks the trust policy on its
 *   own as well;
 * - STS's AccessDenied has no "because ..." reason (reports of real AssumeRole and
 *   SetSourceIdentity denials carry none), so a denial is reworded without it.
 */
import { AwsError } from '../../../kernel/errors.js';
import type { Principal } from '../../../kernel/scope.js';
import { evaluate } from '../../../policy/evaluate.js';
import type { ConditionValues, Decision, PolicySource, RequestContext } from '../../../policy/types.js';
import type { HandlerContext } from '../../types.js';
import { notAuthorized } from './errors.js';
import { findRoleIn, findUserIn, type RoleRecord } from './iam-access.js';
import { sessionPrincipalTags, type TagLike } from './session-tags.js';

export interface AssumeRoleAsk {
  role: RoleRecord;
  /** Condition keys of the request besides the global ones (sts:ExternalId, sts:RoleSessionName, ...). */
  values: ConditionValues;
  tagSession: boolean;
  setSourceIdentity: boolean;
}

/** The caller as the policy engine sees it, with its principal tags. */
export async function requestPrincipal(ctx: HandlerContext, caller: Principal): Promise<RequestContext['principal']> {
  const base = { arn: caller.arn, account: caller.account, userId: caller.userId };
  if (caller.type === 'root') return { ...base, type: 'Account' };
  if (caller.type === 'user') {
    const user = caller.name ? await findUserIn(ctx.tx, ctx.scope.partition, caller.account, caller.name) : undefined;
    return { ...base, type: 'User', userName: caller.name, tags: tagsRecord(user?.Tags ?? []) };
  }
  const session = caller.session;
  const role = session ? await findRoleIn(ctx.tx, ctx.scope.partition, caller.account, session.roleName) : undefined;
  return { ...base, type: 'AssumedRole', roleArn: session?.roleArn, tags: sessionPrincipalTags(role?.Tags ?? [], session?.tags) };
}

function tagsRecord(tags: readonly TagLike[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const tag of tags) out[tag.Key] = tag.Value;
  return out;
}

/** Global condition keys of a request made by `caller` now (for the trust check, which runs outside `ctx.authorize`). */
export function globalValues(ctx: HandlerContext, caller: Principal): ConditionValues {
  const now = ctx.clock.now();
  const values: ConditionValues = {
    'aws:CurrentTime': now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'aws:EpochTime': String(Math.floor(now.getTime() / 1000)),
    'aws:RequestedRegion': ctx.scope.region,
    'aws:PrincipalIsAWSService': 'false',
    'aws:ViaAWSService': 'false',
    'aws:SecureTransport': 'false',
  };
  if (caller.session?.sourceIdentity !== undefined) values['aws:SourceIdentity'] = caller.session.sourceIdentity;
  return values;
}

/**
 * Keys that requests signed with temporary credentials carry and long-term keys do not (IAM User
 * Guide, "AWS global condition context keys"): when they were issued, and that no MFA was used.
 */
export function temporaryCredentialValues(issued: string | undefined): ConditionValues {
  return issued === undefined ? {} : { 'aws:TokenIssueTime': issued, 'aws:MultiFactorAuthPresent': 'false' };
}

/** The role's tags as `aws:ResourceTag/<key>` values. */
export function resourceTagValues(role: RoleRecord): ConditionValues {
  const values: ConditionValues = {};
  for (const tag of role.Tags) values[`aws:ResourceTag/${tag.Key}`] = tag.Value;
  return values;
}

function trustSource(role: RoleRecord): PolicySource {
  return { id: `trust:${role.Arn}`, document: role.AssumeRolePolicyDocument };
}

/** Allowed, and allowed by a statement of the trust policy. */
function trustAllows(decision: Decision): boolean {
  return decision.decision === 'allowed' && decision.matchedStatements.some((s) => s.source === 'resource' && s.effect === 'Allow');
}

/** Grants everything: stands in for the caller's own policies when only the trust policy is asked. */
const ALLOW_ALL: PolicySource = { id: 'kiln:trust-check', document: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}' };

/** Keys `ctx.authorize` knows that a handler does not (the caller's address): a trust check that lacked one defers to `ctx.authorize`. */
const SERVER_ONLY_KEYS = new Set(['aws:sourceip']);

/** Whether the trust policy lets the caller in at all for `action`, whatever the caller's own policies say. */
function trustAdmits(principal: RequestContext['principal'], action: string, role: RoleRecord, values: ConditionValues): boolean {
  const decision = evaluate({
    request: { action, resource: role.Arn, principal, resourceAccount: role.Arn.split(':')[4], values },
    identityPolicies: [ALLOW_ALL],
    resourcePolicies: [trustSource(role)],
  });
  if (trustAllows(decision)) return true;
  return decision.decision !== 'explicitDeny' && decision.missingContextValues.some((key) => SERVER_ONLY_KEYS.has(key.toLowerCase()));
}

/**
 * Authorizes each action the request needs, in the order AWS names them, and throws AWS's
 * AccessDenied for the first one that is not allowed.
 */
export async function authorizeAssumeRole(ctx: HandlerContext, caller: Principal, ask: AssumeRoleAsk): Promise<void> {
  const actions = ['sts:AssumeRole'];
  if (ask.tagSession) actions.push('sts:TagSession');
  if (ask.setSourceIdentity) actions.push('sts:SetSourceIdentity');
  const resourcePolicies = [trustSource(ask.role)];
  let principal: RequestContext['principal'] | undefined;
  for (const action of actions) {
    try {
      await ctx.authorize(action, ask.role.Arn, ask.values, { resourcePolicies });
    } catch (error) {
      if (error instanceof AwsError && error.status === 403) throw notAuthorized(caller.arn, action, ask.role.Arn);
      throw error;
    }
    principal ??= await requestPrincipal(ctx, caller);
    const values = { ...globalValues(ctx, caller), 'aws:PrincipalArn': principal.roleArn ?? principal.arn, ...ask.values };
    if (!trustAdmits(principal, action, ask.role, values)) throw notAuthorized(caller.arn, action, ask.role.Arn);
  }
}

/** Whether a role's trust policy lets an AWS service (e.g. `imagebuilder.amazonaws.com`) assume it. */
export function serviceMayAssume(role: RoleRecord, servicePrincipal: string, values: ConditionValues): boolean {
  const decision = evaluate({
    request: {
      action: 'sts:AssumeRole', resource: role.Arn, resourceAccount: role.Arn.split(':')[4], values,
      principal: { type: 'Service', arn: servicePrincipal, account: '', userId: '' },
    },
    identityPolicies: [],
    resourcePolicies: [trustSource(role)],
  });
  return trustAllows(decision);
}
