/**
 * An `executionRole` (a role name or ARN) that Image Builder assumes for the caller: passing it
 * needs `iam:PassRole` on the role, with `iam:PassedToService` = imagebuilder.amazonaws.com, as
 * for any AWS service that acts with a role the caller hands it. A name (which may carry a path,
 * `service-role/MyRole`) names a role of the caller's account.
 */
import type { HandlerContext } from '../../types.js';
import { IMAGE_BUILDER_PRINCIPAL } from './service-role.js';

function executionRoleArn(ctx: HandlerContext, nameOrArn: string): string {
  return nameOrArn.startsWith('arn:') ? nameOrArn : `arn:${ctx.scope.partition}:iam::${ctx.scope.account}:role/${nameOrArn}`;
}

export async function passExecutionRole(ctx: HandlerContext, nameOrArn: string | undefined): Promise<void> {
  if (nameOrArn === undefined) return;
  await ctx.authorize('iam:PassRole', executionRoleArn(ctx, nameOrArn), { 'iam:PassedToService': IMAGE_BUILDER_PRINCIPAL });
}
