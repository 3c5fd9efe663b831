import { AwsError } from '../../../kernel/errors.js';
import type { CreateRoleRequest, CreateRoleResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { applyPermissionsBoundary } from '../domain/attachments.js';
import { ROLES, SERVICE_ROLE_PATH, checkTrustPolicy, roleKey, toRole, type RoleRecord } from '../domain/roles.js';
import { iamArn, iamScope } from '../domain/scope.js';
import { checkNoDuplicateKeys } from '../domain/tags.js';

export async function CreateRole(input: CreateRoleRequest, ctx: HandlerContext): Promise<CreateRoleResponse> {
  const path = input.Path ?? '/';
  if (path.startsWith(SERVICE_ROLE_PATH)) {
    throw new AwsError('InvalidInput', "Path prefix '/aws-service-role/' can only be used for AWS Service linked Roles");
  }
  checkTrustPolicy(input.AssumeRolePolicyDocument);
  checkNoDuplicateKeys(input.Tags ?? []);
  const role: RoleRecord = {
    RoleName: input.RoleName,
    RoleId: ctx.ids.uniqueId('AROA'),
    Path: path,
    Arn: iamArn(ctx.scope, `role${path}${input.RoleName}`),
    CreateDate: ctx.clock.now().toISOString(),
    AssumeRolePolicyDocument: input.AssumeRolePolicyDocument,
    Description: input.Description,
    MaxSessionDuration: input.MaxSessionDuration ?? 3600,
    Tags: input.Tags ?? [],
    InlinePolicies: {},
    AttachedPolicyArns: [],
    InstanceProfileNames: [],
  };
  await applyPermissionsBoundary(ctx, 'Role', input.RoleName, role, input.PermissionsBoundary);
  // The primary key (the lower-cased name) makes the name unique even under concurrent creates.
  if (!(await ctx.tx.insert(ROLES, iamScope(ctx.scope), roleKey(role.RoleName), role))) {
    throw new AwsError('EntityAlreadyExists', `Role with name ${input.RoleName} already exists.`);
  }
  // AWS's CreateRole answer (recorded against the real service) carries neither RoleLastUsed nor MaxSessionDuration.
  const { RoleLastUsed: _lastUsed, MaxSessionDuration: _duration, ...created } = toRole(role);
  return { Role: created as CreateRoleResponse['Role'] };
}
