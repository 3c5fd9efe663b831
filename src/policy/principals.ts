/**
 * The `Principal` / `NotPrincipal` element of resource-based and trust policies (IAM User Guide,
 * "AWS JSON policy elements: Principal"), compiled once and matched against the caller.
 *
 * What each form names:
 * - `"*"` / `{"AWS": "*"}`: everyone (`{"AWS": "*"}`: every AWS principal, not services).
 * - an account id or `arn:aws:iam::<acct>:root`: the account; every principal of it can be
 *   granted access, but only once the account itself allows it in an identity-based policy.
 * - a user ARN: that user. A role ARN: the role's sessions. An assumed-role session ARN or a
 *   federated-user ARN: that session.
 * - `{"Service": "ec2.amazonaws.com"}`: that service; `{"Federated": ...}`: web identity or SAML
 *   callers of that provider; `{"CanonicalUser": ...}`: an S3 canonical user.
 *
 * The match kind matters for evaluation: a resource-based policy that names the caller itself
 * (user or session ARN) is not limited the way one that names the account is (evaluate.ts).
 */
import type { RequestContext } from './types.js';

export type Principal = RequestContext['principal'];

/** How a statement's principal element matched the caller. */
export enum PrincipalMatch {
  None = 0,
  /** Matched through the account id / root ARN: access is delegated to the account. */
  Account = 1,
  /** Matched through `*` or `NotPrincipal`. */
  Everyone = 2,
  /** Matched through the role ARN of the calling session. */
  Role = 3,
  Service = 4,
  Federated = 5,
  /** Matched through the caller's own user or session ARN. */
  Direct = 6,
}

export interface CompiledPrincipal {
  everyone: boolean;
  anyAws: boolean;
  accounts: Set<string>;
  users: Set<string>;
  /** Role ARNs, and the `<account>/<role name>` keys used when the session does not carry its role ARN. */
  roles: Set<string>;
  roleNames: Set<string>;
  sessions: Set<string>;
  /** Other AWS values, compared as they are. */
  others: Set<string>;
  services: Set<string>;
  federated: Set<string>;
  canonical: Set<string>;
}

const ROOT = /^arn:[^:]+:iam::(\d{12}):root$/;
const USER = /^arn:[^:]+:iam::\d{12}:user\//;
const ROLE = /^arn:[^:]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;
const SESSION = /^arn:[^:]+:sts::\d{12}:(assumed-role|federated-user)\//;

function list(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

export function compilePrincipal(element: unknown): CompiledPrincipal {
  const out: CompiledPrincipal = {
    everyone: false, anyAws: false, accounts: new Set(), users: new Set(), roles: new Set(), roleNames: new Set(),
    sessions: new Set(), others: new Set(), services: new Set(), federated: new Set(), canonical: new Set(),
  };
  if (element === '*') { out.everyone = true; return out; }
  if (!element || typeof element !== 'object' || Array.isArray(element)) return out;
  const fields = element as Record<string, unknown>;
  for (const value of list(fields.AWS)) {
    let m: RegExpExecArray | null;
    if (value === '*') out.anyAws = true;
    else if (/^\d{12}$/.test(value)) out.accounts.add(value);
    else if ((m = ROOT.exec(value))) out.accounts.add(m[1]);
    else if (USER.test(value)) out.users.add(value);
    else if ((m = ROLE.exec(value))) { out.roles.add(value); out.roleNames.add(`${m[1]}/${m[2]}`); }
    else if (SESSION.test(value)) out.sessions.add(value);
    else out.others.add(value);
  }
  for (const value of list(fields.Service)) out.services.add(value.toLowerCase());
  for (const value of list(fields.Federated)) out.federated.add(value.toLowerCase());
  for (const value of list(fields.CanonicalUser)) out.canonical.add(value);
  return out;
}

/** The strongest way the element names the caller, or None. */
export function matchPrincipal(p: CompiledPrincipal, caller: Principal): PrincipalMatch {
  if (caller.type === 'Service') {
    if (p.services.has(caller.arn.toLowerCase())) return PrincipalMatch.Service;
    return p.everyone ? PrincipalMatch.Everyone : PrincipalMatch.None;
  }
  if (caller.federatedProvider !== undefined && p.federated.has(caller.federatedProvider.toLowerCase())) return PrincipalMatch.Federated;
  if (caller.type === 'User' && p.users.has(caller.arn)) return PrincipalMatch.Direct;
  if ((caller.type === 'AssumedRole' || caller.type === 'FederatedUser') && p.sessions.has(caller.arn)) return PrincipalMatch.Direct;
  if (caller.canonicalUserId !== undefined && p.canonical.has(caller.canonicalUserId)) return PrincipalMatch.Direct;
  if (p.others.has(caller.arn)) return PrincipalMatch.Direct;
  if (caller.type === 'AssumedRole' && roleMatches(p, caller)) return PrincipalMatch.Role;
  if (p.everyone || p.anyAws) return PrincipalMatch.Everyone;
  if (p.accounts.has(caller.account)) return PrincipalMatch.Account;
  return PrincipalMatch.None;
}

function roleMatches(p: CompiledPrincipal, caller: Principal): boolean {
  if (p.roles.size === 0) return false;
  if (caller.roleArn !== undefined) return p.roles.has(caller.roleArn);
  // arn:aws:sts::<acct>:assumed-role/<role name>/<session name>
  const m = /^arn:[^:]+:sts::(\d{12}):assumed-role\/([^/]+)\//.exec(caller.arn);
  return m !== null && p.roleNames.has(`${m[1]}/${m[2]}`);
}
