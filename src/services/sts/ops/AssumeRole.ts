/**
 * STS AssumeRole: temporary credentials for a role, when its trust policy and the caller's own
 * policies allow it (domain/trust.ts).
 *
 * Checks in order: the caller (root may not assume roles), the request on its own (role ARN
 * syntax, session policy grammar, managed session policy ARNs, session tags, source identity),
 * then the role (a missing role is denied exactly like a forbidden one: AWS does not reveal which
 * roles exist), its trust, the duration, and finally what the session would carry.
 */
import type { AssumeRoleRequest, AssumeRoleResponse } from '../../../generated/sts.js';
import { AwsError } from '../../../kernel/errors.js';
import type { RoleSession } from '../../../kernel/scope.js';
import { checkPolicyGrammar } from '../../../policy/grammar.js';
import type { ConditionValues } from '../../../policy/types.js';
import type { HandlerContext } from '../../types.js';
import { notAuthorized, validationError } from '../domain/errors.js';
import { findRoleIn, managedPolicyExists, recordRoleUse } from '../domain/iam-access.js';
import { callerSession, issueSession } from '../domain/issue.js';
import { packedPolicySize } from '../domain/packed-size.js';
import { parseRoleArn } from '../domain/role-arn.js';
import { inheritedTransitiveTags, sessionTagsFor } from '../domain/session-tags.js';
import { authorizeAssumeRole, resourceTagValues, temporaryCredentialValues } from '../domain/trust.js';

/** AssumeRole's default session length, and the cap when the caller already uses temporary credentials. */
const DEFAULT_DURATION = 3600;
const CHAINED_MAX_DURATION = 3600;
/** "You can provide up to 10 managed policy ARNs" (AssumeRole API reference). */
const MAX_POLICY_ARNS = 10;
const POLICY_ARN = /^arn:[a-z-]+:iam::(\d{12}|aws):policy\/.+$/;

function checkPolicyArns(input: AssumeRoleRequest): string[] {
  const arns = (input.PolicyArns ?? []).map((descriptor) => descriptor.arn ?? '');
  // Neither text is documented; both are Kiln's (INFERRED), with STS's ValidationError.
  if (arns.length > MAX_POLICY_ARNS) throw validationError(`The number of managed session policies (PolicyArns) cannot exceed ${MAX_POLICY_ARNS}.`);
  for (const arn of arns) if (!POLICY_ARN.test(arn)) throw validationError(`ARN ${arn} is not valid.`);
  return arns;
}

function checkSessionPolicy(policy: string | undefined): void {
  if (policy === undefined) return;
  const problem = checkPolicyGrammar(policy, 'session');
  if (problem) throw new AwsError('MalformedPolicyDocument', problem, 400);
}

export async function AssumeRole(input: AssumeRoleRequest, ctx: HandlerContext): Promise<AssumeRoleResponse> {
  const caller = ctx.scope.principal;
  if (caller.type === 'root') throw new AwsError('AccessDenied', 'Roles may not be assumed by root accounts.', 403);
  const target = parseRoleArn(input.RoleArn);
  const fromSession = await callerSession(ctx);
  // Role chaining: the caller signs with temporary credentials (a role session, or GetSessionToken's).
  const chained = caller.type === 'assumed-role' || fromSession !== undefined;

  checkSessionPolicy(input.Policy);
  const policyArns = checkPolicyArns(input);
  const requestTags = input.Tags ?? [];
  const tags = sessionTagsFor(requestTags, input.TransitiveTagKeys ?? [], inheritedTransitiveTags(caller.session));
  const inheritedSource = caller.session?.sourceIdentity;
  if (inheritedSource !== undefined && input.SourceIdentity !== undefined && input.SourceIdentity !== inheritedSource) {
    // "The value that is set cannot be changed during the role session" (IAM User Guide); the error text is Kiln's (INFERRED).
    throw validationError(`The source identity cannot be changed: this role session carries the source identity ${inheritedSource}.`);
  }
  const sourceIdentity = input.SourceIdentity ?? inheritedSource;
  const passed = input.Policy !== undefined || policyArns.length > 0 || Object.keys(tags.tags).length > 0;
  const packed = packedPolicySize(input.Policy, policyArns, tags.tags, passed);

  const role = target.partition === ctx.scope.partition ? await findRoleIn(ctx.tx, target.partition, target.account, target.name) : undefined;
  if (!role || role.Path !== target.path) throw notAuthorized(caller.arn, 'sts:AssumeRole', input.RoleArn);

  const values: ConditionValues = { ...temporaryCredentialValues(fromSession?.issued), ...resourceTagValues(role), 'sts:RoleSessionName': input.RoleSessionName };
  if (input.ExternalId !== undefined) values['sts:ExternalId'] = input.ExternalId;
  if (sourceIdentity !== undefined) values['sts:SourceIdentity'] = sourceIdentity;
  if (requestTags.length > 0) {
    for (const tag of requestTags) values[`aws:RequestTag/${tag.Key}`] = tag.Value;
    values['aws:TagKeys'] = requestTags.map((tag) => tag.Key);
  }
  if (input.TransitiveTagKeys && input.TransitiveTagKeys.length > 0) values['sts:TransitiveTagKeys'] = input.TransitiveTagKeys;
  await authorizeAssumeRole(ctx, caller, {
    role, values,
    // Passing session tags needs sts:TagSession; whether inherited transitive tags alone need it is UNVERIFIED (not required here).
    tagSession: requestTags.length > 0 || (input.TransitiveTagKeys?.length ?? 0) > 0,
    // Setting a source identity needs sts:SetSourceIdentity, also when a role chain carries it on (IAM User Guide).
    setSourceIdentity: sourceIdentity !== undefined,
  });

  const duration = input.DurationSeconds ?? DEFAULT_DURATION;
  if (chained && duration > CHAINED_MAX_DURATION) throw validationError('The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
  if (duration > role.MaxSessionDuration) throw validationError('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  const roleAccount = target.account;
  for (const arn of policyArns) {
    // Managed session policies must exist in the role's account (or be AWS managed). The text is IAM's (INFERRED for STS).
    if (!(await managedPolicyExists(ctx, roleAccount, arn))) throw validationError(`Policy ${arn} does not exist or is not attachable.`);
  }

  const sessionName = input.RoleSessionName;
  const assumedRoleId = `${role.RoleId}:${sessionName}`;
  const arn = `arn:${ctx.scope.partition}:sts::${roleAccount}:assumed-role/${role.RoleName}/${sessionName}`;
  const { credentials } = await issueSession(ctx, 'assumed-role', duration, (accessKeyId, expiration) => {
    const session: RoleSession = { roleName: role.RoleName, roleArn: role.Arn, sessionName, expiration: expiration.toISOString() };
    if (input.Policy !== undefined) session.policy = input.Policy;
    if (policyArns.length > 0) session.policyArns = policyArns;
    if (Object.keys(tags.tags).length > 0) session.tags = tags.tags;
    if (tags.transitiveTagKeys.length > 0) session.transitiveTagKeys = tags.transitiveTagKeys;
    if (sourceIdentity !== undefined) session.sourceIdentity = sourceIdentity;
    return { type: 'assumed-role', arn, userId: assumedRoleId, account: roleAccount, accessKeyId, name: role.RoleName, session };
  });
  await recordRoleUse(ctx.tx, { partition: ctx.scope.partition, account: roleAccount, roleName: role.RoleName, region: ctx.scope.region, date: ctx.clock.now() });

  const out: AssumeRoleResponse = { Credentials: credentials, AssumedRoleUser: { AssumedRoleId: assumedRoleId, Arn: arn } };
  if (packed !== undefined) out.PackedPolicySize = packed;
  if (sourceIdentity !== undefined) out.SourceIdentity = sourceIdentity;
  return out;
}
