/**
 * Authorization: whether the caller's policies allow a request, asked of the pure policy engine
 * (src/policy) before the handler runs, in the request's own transaction.
 *
 * - The action is `<signingName>:<Operation>`; the resources and the service's condition keys
 *   come from the service's authorization table (src/services/<service>/authorization.ts);
 *   operations not in the table are evaluated on `*`.
 * - The request context carries the global condition keys AWS sets for a signed request
 *   (IAM User Guide, "AWS global condition context keys").
 * - An account root is never evaluated (it may do anything in its own account); with
 *   `--iam-enforcement off` nothing is, with `log` a denial is logged and the request goes on.
 * - A denial is HTTP 403 `AccessDenied` (awsQuery) or `AccessDeniedException` (restJson1) with
 *   AWS's message, `User: <arn> is not authorized to perform: <action> on resource: <resource>
 *   <reason>`, and is logged with an encoded authorization message (policy/authorization-message.ts).
 */
import { AwsError } from '../kernel/errors.js';
import type { Logger } from '../kernel/log.js';
import type { Principal } from '../kernel/scope.js';
import { evaluate } from '../policy/evaluate.js';
import type { ConditionValues, Decision, PolicySource, RequestContext } from '../policy/types.js';
import type { AuthorizationTable, ResourceRef } from '../services/authorization.js';
import { PRINCIPAL_POLICY_COLLECTIONS, policiesForPrincipal, type PrincipalPolicies } from '../services/iam/domain/principal-policies.js';
import { SESSION_LOOKUP_COLLECTIONS, findSessionByAccessKey, sessionPrincipalTags } from '../services/sts/public.js';
import { DerivedCache } from '../store/derived-cache.js';
import type { Store } from '../store/types.js';
import type { AuthorizeOptions, HandlerContext } from '../services/types.js';
import { describeDecision, encodeAuthorizationMessage } from '../policy/authorization-message.js';

export type EnforcementMode = 'enforce' | 'log' | 'off';

/**
 * Operations that are not authorized before their handler runs:
 * - sts:GetCallerIdentity and sts:GetSessionToken need no permission and cannot be denied
 *   (STS API reference, GetCallerIdentity; IAM User Guide, "Permissions for GetSessionToken");
 * - sts:AssumeRole* are decided by the STS handler together with the role's trust policy
 *   (`ctx.authorize(..., { resourcePolicies: [trust] })`, src/services/sts/domain/trust.ts),
 *   since a trust policy that names the caller grants without any identity-based policy.
 */
const UNCHECKED: Record<string, ReadonlySet<string>> = {
  sts: new Set(['GetCallerIdentity', 'GetSessionToken', 'AssumeRole', 'AssumeRoleWithSAML', 'AssumeRoleWithWebIdentity']),
};

export interface AuthzOptions {
  mode: EnforcementMode;
  log: Logger;
  /** `query` answers AccessDenied, `rest-json` AccessDeniedException. */
  protocol: 'query' | 'rest-json';
  /** The caller's address as the socket saw it (aws:SourceIp). */
  sourceIp?: string;
  /** Callers loaded by earlier requests (createCallerCache); without it each request loads its own. */
  callers?: CallerCache;
}

export interface RequestAuthorizer {
  /** HandlerContext.authorize: one action on one resource. */
  authorize: HandlerContext['authorize'];
  /** The operation's own permission, from the service's table. */
  authorizeOperation(signingName: string, operation: string, table: AuthorizationTable | undefined, input: unknown): Promise<void>;
}

/** What the evaluation needs to know about the caller beyond its Principal. */
interface Caller {
  policies: PrincipalPolicies | undefined;
  tags: Record<string, string>;
  /** For a role session: the role's ARN (with its path), which is aws:PrincipalArn. */
  roleArn?: string;
  /** For temporary credentials: when STS issued them (aws:TokenIssueTime). */
  issued?: string;
}

export type CallerCache = DerivedCache<Caller>;

/** A caller's policies and tags, kept across requests until IAM or STS change what they were read from. */
export function createCallerCache(store: Store): CallerCache {
  return new DerivedCache<Caller>(store, [...PRINCIPAL_POLICY_COLLECTIONS, ...SESSION_LOOKUP_COLLECTIONS]);
}

const PRINCIPAL_TYPES = { root: 'Account', user: 'User', 'assumed-role': 'AssumedRole' } as const;

/** `::ffff:127.0.0.1` (an IPv4 client on a dual-stack socket) is `127.0.0.1`, as AWS reports it. */
export function sourceIpOf(remoteAddress: string | undefined): string | undefined {
  return remoteAddress?.startsWith('::ffff:') && remoteAddress.includes('.') ? remoteAddress.slice(7) : remoteAddress;
}

async function loadCaller(ctx: HandlerContext, principal: Principal): Promise<Caller> {
  const policies = await policiesForPrincipal(ctx, principal);
  // Temporary credentials (AssumeRole, GetSessionToken) have an `ASIA` key and a session record.
  const issued = principal.accessKeyId.startsWith('ASIA') ? (await findSessionByAccessKey(ctx.tx, principal.accessKeyId))?.issued : undefined;
  if (principal.type === 'user' && principal.name) {
    const tags: Record<string, string> = {};
    for (const tag of policies?.entityTags ?? []) tags[tag.Key] = tag.Value;
    return { policies, tags, issued };
  }
  if (principal.type === 'assumed-role' && principal.session) {
    // The role's tags, overridden by session tags of the same key (IAM User Guide, "Passing session tags").
    return { policies, tags: sessionPrincipalTags(policies?.entityTags ?? [], principal.session.tags), roleArn: policies?.roleArn ?? principal.session.roleArn, issued };
  }
  return { policies, tags: {}, issued };
}

/** The account a resource belongs to: the ARN's account field, or the caller's for `*` and AWS-owned ARNs. */
function accountOf(arn: string, fallback: string): string {
  // The fifth field: after the fourth colon, up to the fifth.
  let at = -1;
  for (let colons = 0; colons < 4; colons++) {
    at = arn.indexOf(':', at + 1);
    if (at < 0) return fallback;
  }
  const end = arn.indexOf(':', at + 1);
  const account = end < 0 ? arn.slice(at + 1) : arn.slice(at + 1, end);
  return TWELVE_DIGITS.test(account) ? account : fallback;
}

const TWELVE_DIGITS = /^\d{12}$/;

/** aws:CurrentTime and aws:EpochTime change once a second: worked out once for each second. */
let timeSecond = NaN;
let timeValues = { current: '', epoch: '' };

function timeValuesAt(now: Date): { current: string; epoch: string } {
  const second = Math.floor(now.getTime() / 1000);
  if (second !== timeSecond) {
    timeSecond = second;
    timeValues = { current: new Date(second * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'), epoch: String(second) };
  }
  return timeValues;
}

function globalValues(ctx: HandlerContext, caller: Caller, sourceIp: string | undefined, resourceAccount: string): ConditionValues {
  const { principal } = ctx.scope;
  const time = timeValuesAt(ctx.clock.now());
  const values: ConditionValues = {
    'aws:PrincipalArn': caller.roleArn ?? principal.arn,
    'aws:PrincipalAccount': principal.account,
    'aws:PrincipalType': PRINCIPAL_TYPES[principal.type],
    'aws:userid': principal.userId,
    'aws:username': principal.type === 'user' ? principal.name : undefined,
    'aws:SourceIp': sourceIp,
    'aws:CurrentTime': time.current,
    'aws:EpochTime': time.epoch,
    // Kiln answers plain HTTP.
    'aws:SecureTransport': 'false',
    'aws:RequestedRegion': ctx.scope.region,
    'aws:ResourceAccount': resourceAccount,
    'aws:PrincipalIsAWSService': 'false',
    'aws:ViaAWSService': 'false',
    'aws:SourceIdentity': principal.session?.sourceIdentity,
    // Temporary credentials carry these; long-term access keys carry neither, so
    // aws:MultiFactorAuthPresent is absent for them (IAM User Guide, global condition keys).
    'aws:TokenIssueTime': caller.issued,
    'aws:MultiFactorAuthPresent': caller.issued === undefined ? undefined : 'false',
  };
  for (const [key, value] of Object.entries(caller.tags)) values[`aws:PrincipalTag/${key}`] = value;
  return values;
}

function requestContext(ctx: HandlerContext, caller: Caller, action: string, resource: string, resourceAccount: string, values: ConditionValues): RequestContext {
  const { principal } = ctx.scope;
  return {
    action,
    resource,
    resourceAccount,
    principal: {
      arn: principal.arn, account: principal.account, userId: principal.userId,
      userName: principal.type === 'user' ? principal.name : undefined,
      type: PRINCIPAL_TYPES[principal.type], tags: caller.tags, roleArn: caller.roleArn,
    },
    values,
  };
}

/**
 * AWS's reason suffix. The engine words it; for an explicit deny in a managed policy AWS also
 * names the policy (`... with an explicit deny in an identity-based policy: arn:aws:iam::...:policy/P`).
 */
function reasonOf(decision: Decision): string | undefined {
  const reason = decision.reason;
  if (decision.decision !== 'explicitDeny' || !reason) return reason;
  const managed = decision.matchedStatements.find((m) => m.source === 'identity' && m.effect === 'Deny' && m.policyId.startsWith('arn:'));
  return managed && reason === 'with an explicit deny in an identity-based policy' ? `${reason}: ${managed.policyId}` : reason;
}

export function accessDenied(protocol: 'query' | 'rest-json', principalArn: string, action: string, shown: string, reason: string | undefined): AwsError {
  const message = `User: ${principalArn} is not authorized to perform: ${action} on resource: ${shown}${reason ? ` ${reason}` : ''}`;
  return new AwsError(protocol === 'query' ? 'AccessDenied' : 'AccessDeniedException', message, 403);
}

function toRef(resource: string | ResourceRef): ResourceRef {
  return typeof resource === 'string' ? { arn: resource } : resource;
}

export function requestAuthorizer(ctx: HandlerContext, o: AuthzOptions): RequestAuthorizer {
  let caller: Promise<Caller> | undefined;
  const { principal } = ctx.scope;

  async function check(action: string, refs: ResourceRef[], values: ConditionValues, options: AuthorizeOptions = {}): Promise<void> {
    if (o.mode === 'off') return;
    if (principal.type === 'root' && !options.resourcePolicies) return;
    const who = await (caller ??= o.callers
      ? o.callers.get(`${principal.arn}|${principal.accessKeyId}`, () => loadCaller(ctx, principal))
      : loadCaller(ctx, principal));
    const policies = who.policies;
    for (const ref of refs) {
      const resourceAccount = options.resourceAccount ?? accountOf(ref.arn, principal.account);
      const merged = { ...globalValues(ctx, who, o.sourceIp, resourceAccount), ...values, ...ref.values };
      const request = requestContext(ctx, who, action, ref.arn, resourceAccount, merged);
      const decision = evaluate({
        request,
        identityPolicies: policies?.identity ?? [],
        permissionsBoundary: policies?.boundary,
        sessionPolicies: policies?.session,
        resourcePolicies: options.resourcePolicies,
      });
      if (decision.decision === 'allowed') continue;
      const reason = reasonOf(decision);
      const shown = ref.shown ?? ref.arn;
      const all: PolicySource[] = [...(policies?.identity ?? []), ...(policies?.boundary ? [policies.boundary] : []), ...(policies?.session ?? []), ...(options.resourcePolicies ?? [])];
      const details = describeDecision({
        principal: { id: principal.userId, name: principal.name, arn: principal.arn }, action, resource: ref.arn, values: merged, decision, policies: all,
      });
      const fields = {
        requestId: ctx.scope.requestId, principal: principal.arn, action, resource: ref.arn, decision: decision.decision,
        reason, encodedMessage: encodeAuthorizationMessage(details),
      };
      if (o.mode === 'log') {
        o.log.warn('access would be denied (--iam-enforcement log: allowed)', fields);
        continue;
      }
      o.log.info('access denied', fields);
      throw accessDenied(o.protocol, principal.arn, action, shown, reason);
    }
  }

  return {
    authorize: (action, resource, values, options) => check(action, [{ arn: resource }], values ?? {}, options),
    async authorizeOperation(signingName, operation, table, input) {
      if (o.mode === 'off' || principal.type === 'root' || UNCHECKED[signingName]?.has(operation)) return;
      const rule = table?.[operation];
      const listed = rule?.resources ? (await rule.resources(input, ctx)).map(toRef) : [];
      const values = rule?.conditions ? await rule.conditions(input, ctx) : {};
      await check(`${signingName}:${operation}`, listed.length > 0 ? listed : [{ arn: '*' }], values);
    },
  };
}
