/**
 * Image Builder's service-linked role, `AWSServiceRoleForImageBuilder`. The operations that create
 * an image (CreateImage, ImportVmImage, StartImagePipelineExecution, and ImportDiskImage, which
 * creates an image too) create the role when it does not exist, with the caller's permission
 * (`iam:CreateServiceLinkedRole`), as the Image Builder User Guide describes; nothing else does.
 * Builds then run as the role.
 */
import type { Principal } from '../../../kernel/scope.js';
import type { Tx } from '../../../store/types.js';
import { authorizeServiceLinkedRoleCreation, createServiceLinkedRole, findRoleIn, serviceLinkedRoleSpec } from '../../iam/public.js';
import { assumeServiceLinkedRole } from '../../sts/public.js';
import type { HandlerContext } from '../../types.js';

export const IMAGE_BUILDER_PRINCIPAL = 'imagebuilder.amazonaws.com';

export function serviceRoleName(): string {
  return serviceLinkedRoleSpec(IMAGE_BUILDER_PRINCIPAL)!.roleName;
}

/**
 * Creates the role in the caller's transaction when the account has none. A caller without
 * `iam:CreateServiceLinkedRole` gets AccessDeniedException naming that action, and the whole
 * request changes nothing.
 */
export async function ensureServiceLinkedRole(ctx: HandlerContext): Promise<void> {
  if (await findRoleIn(ctx.tx, ctx.scope.partition, ctx.scope.account, serviceRoleName())) return;
  await authorizeServiceLinkedRoleCreation(ctx, IMAGE_BUILDER_PRINCIPAL);
  await createServiceLinkedRole(ctx, IMAGE_BUILDER_PRINCIPAL);
}

/** Image Builder assumes its role to run a build; the role's RoleLastUsed shows the date and region. */
export function assumeServiceRole(tx: Tx, o: { partition: string; account: string; region: string; clock: HandlerContext['clock'] }): Promise<Principal> {
  return assumeServiceLinkedRole(tx, {
    partition: o.partition, account: o.account, region: o.region, clock: o.clock,
    roleName: serviceRoleName(), servicePrincipal: IMAGE_BUILDER_PRINCIPAL, sessionName: 'ImageBuilder',
  });
}
