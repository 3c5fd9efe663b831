/**
 * What other services may ask of IAM in process. Image Builder, for one, registers here how to
 * tell whether its service-linked role is still in use, so IAM never imports Image Builder.
 */
import type { Tx } from '../../store/types.js';
import { ROLES, type RoleRecord } from './domain/roles.js';

/** One region's resources that still use a service-linked role. */
export interface RoleUsage {
  Region: string;
  Resources: string[];
}

/** Answers which resources of a service, in every region, use its service-linked role in one account. */
export type RoleUsageChecker = (query: { tx: Tx; partition: string; account: string; roleName: string }) => Promise<RoleUsage[]>;

const usageCheckers = new Map<string, RoleUsageChecker>();

/** A service registers once, at start-up, for its service principal (e.g. `imagebuilder.amazonaws.com`). */
export function registerServiceLinkedRoleUsage(servicePrincipal: string, checker: RoleUsageChecker): void {
  usageCheckers.set(servicePrincipal, checker);
}

export function usageCheckerFor(servicePrincipal: string): RoleUsageChecker | undefined {
  return usageCheckers.get(servicePrincipal);
}

/**
 * Records that a role was used (a service or a session acted with it), as `RoleLastUsed` shows:
 * the date and the region. STS and the services that run as roles call this.
 */
export async function recordRoleUse(tx: Tx, use: { partition: string; account: string; roleName: string; region: string; date: Date }): Promise<void> {
  const scope = `${use.partition}/${use.account}`;
  const key = use.roleName.toLowerCase();
  const role = await tx.get<RoleRecord>(ROLES, scope, key);
  if (!role) return;
  role.RoleLastUsed = { LastUsedDate: use.date.toISOString(), Region: use.region };
  await tx.put(ROLES, scope, key, role);
}

export { authorizeServiceLinkedRoleCreation } from './domain/slr-authorization.js';
export { accessKeyAccount, findRoleIn, findUserIn, managedPolicyExists, type RoleRecord, type UserRecord } from './domain/cross-service-reads.js';
export { findInstanceProfile } from './domain/instance-profiles.js';
export { createServiceLinkedRole } from './ops/CreateServiceLinkedRole.js';
export { serviceLinkedRoleSpec } from './domain/slr-catalogue.js';
