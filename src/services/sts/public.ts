/**
 * What the server and other services may ask of STS in process:
 * - the session behind an `ASIA…` access key, for request authentication (server/credentials.ts);
 * - a service assuming its own service-linked role (Image Builder acting as
 *   `assumed-role/AWSServiceRoleForImageBuilder/ImageBuilder`);
 * - a session's principal tags, for `aws:PrincipalTag/*` when its requests are authorized.
 */
import { AwsError } from '../../kernel/errors.js';
import type { Clock } from '../../kernel/clock.js';
import type { Principal } from '../../kernel/scope.js';
import type { Tx } from '../../store/types.js';
import { findRoleIn, recordRoleUse } from './domain/iam-access.js';
import { SESSIONS, findSession, readSessionToken, type SessionRecord } from './domain/sessions.js';
import { serviceMayAssume } from './domain/trust.js';

export { readSessionToken, type SessionRecord };
export type { SessionKind } from './domain/sessions.js';
export { sessionPrincipalTags } from './domain/session-tags.js';

/** The collections findSessionByAccessKey reads (for caches of its result). */
export const SESSION_LOOKUP_COLLECTIONS = [SESSIONS] as const;

/** The session an access key id stands for, expired or not, or undefined. */
export function findSessionByAccessKey(tx: Tx, accessKeyId: string): Promise<SessionRecord | undefined> {
  return findSession(tx, accessKeyId);
}

export interface ServiceLinkedRoleAssumption {
  partition: string;
  account: string;
  /** E.g. `AWSServiceRoleForImageBuilder`. */
  roleName: string;
  /** E.g. `imagebuilder.amazonaws.com`: the trust policy must allow this service. */
  servicePrincipal: string;
  /** AWS's services use fixed names, e.g. `ImageBuilder`. */
  sessionName: string;
  /** Where the service acts: recorded as the role's last-used region. */
  region: string;
  clock: Clock;
}

/** How long a service's own session lasts (AssumeRole's default). */
const SERVICE_SESSION_SECONDS = 3600;

/**
 * A service inside Kiln assumes its service-linked role: the role must exist and trust the
 * service. Records the role's use (RoleLastUsed) and returns the session principal the service
 * then acts as (`arn:<partition>:sts::<account>:assumed-role/<role>/<session>`). The session has
 * no credentials of its own: it is used in process, never to sign a request.
 */
export async function assumeServiceLinkedRole(tx: Tx, o: ServiceLinkedRoleAssumption): Promise<Principal> {
  const role = await findRoleIn(tx, o.partition, o.account, o.roleName);
  const now = o.clock.now();
  const values = { 'aws:CurrentTime': now.toISOString(), 'aws:EpochTime': String(Math.floor(now.getTime() / 1000)), 'aws:RequestedRegion': o.region };
  if (!role || !serviceMayAssume(role, o.servicePrincipal, values)) {
    // What AWS says when a service cannot assume its role is not documented; this follows STS's usual wording (INFERRED).
    const roleArn = role?.Arn ?? `arn:${o.partition}:iam::${o.account}:role/${o.roleName}`;
    throw new AwsError('AccessDenied', `Service: ${o.servicePrincipal} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`, 403);
  }
  await recordRoleUse(tx, { partition: o.partition, account: o.account, roleName: role.RoleName, region: o.region, date: now });
  const expiration = new Date(now.getTime() + SERVICE_SESSION_SECONDS * 1000).toISOString();
  return {
    type: 'assumed-role',
    arn: `arn:${o.partition}:sts::${o.account}:assumed-role/${role.RoleName}/${o.sessionName}`,
    userId: `${role.RoleId}:${o.sessionName}`,
    account: o.account,
    accessKeyId: '',
    name: role.RoleName,
    session: { roleName: role.RoleName, roleArn: role.Arn, sessionName: o.sessionName, expiration },
  };
}
