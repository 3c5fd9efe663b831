/**
 * The permission a caller needs before a service-linked role is created for it: AWS checks
 * `iam:CreateServiceLinkedRole` on the role's ARN with `iam:AWSServiceName` set to the service
 * principal, both when the caller asks IAM directly and when a service (Image Builder, say)
 * creates its role on the caller's behalf (IAM User Guide, "Service-linked role permissions").
 */
import { AwsError } from '../../../kernel/errors.js';
import type { HandlerContext } from '../../types.js';
import { SERVICE_ROLE_PATH } from './roles.js';
import { iamArn } from './scope.js';
import { serviceLinkedRoleSpec } from './slr-catalogue.js';

/** `arn:<partition>:iam::<account>:role/aws-service-role/<principal>/<RoleName>`. */
export function serviceLinkedRoleArn(ctx: HandlerContext, servicePrincipal: string, roleName: string): string {
  return iamArn(ctx.scope, `role${SERVICE_ROLE_PATH}${servicePrincipal}/${roleName}`);
}

/**
 * Checks that the caller may have the service-linked role of `servicePrincipal` created for it
 * (throws the request protocol's AccessDenied in enforce mode). A service calls this before it
 * creates its role for the caller through IAM's public API.
 */
export async function authorizeServiceLinkedRoleCreation(ctx: HandlerContext, servicePrincipal: string, customSuffix?: string): Promise<void> {
  const spec = serviceLinkedRoleSpec(servicePrincipal);
  if (!spec) throw new AwsError('InvalidInput', `The service principal ${servicePrincipal} does not support service-linked roles, or is not a valid service principal.`);
  const roleName = customSuffix === undefined ? spec.roleName : `${spec.roleName}_${customSuffix}`;
  await ctx.authorize('iam:CreateServiceLinkedRole', serviceLinkedRoleArn(ctx, servicePrincipal, roleName), { 'iam:AWSServiceName': servicePrincipal });
}
