/**
 * IAM's authorization table: the resources each operation acts on and its condition keys, as
 * the Service Authorization Reference lists them for IAM. One table for the whole service (not a
 * declaration beside each handler, as ARCHITECTURE.md first planned) keeps the operation files
 * about the operation and the service's authorization surface auditable in one place.
 *
 * Resources are the entities' real ARNs, path included (`arn:aws:iam::<acct>:role<path><name>`),
 * looked up in the request's transaction; an entity that does not exist is named by its plain
 * ARN (`role/<name>`), and its handler then answers NoSuchEntity to a caller who may ask.
 *
 * AWS's AccessDenied messages name IAM resources in two ways (messages recorded from AWS):
 * operations on an existing entity say `role <name>`, `user <name>`, `group <name>`,
 * `policy <arn>`; CreateRole and CreateUser give the new entity's ARN, CreatePolicy
 * `policy <name>`, ListRoles / ListUsers the ARN of the path (`arn:aws:iam::<acct>:role/`).
 * Instance profiles follow the entity form (`instance-profile <name>`; INFERRED, no recorded message).
 */
import type * as T from '../../generated/iam.js';
import type { ConditionValues } from '../../policy/types.js';
import { requestTagValues, tagValues, type AuthorizationTable, type OperationAuthorization, type ResourceRef } from '../authorization.js';
import type { HandlerContext } from '../types.js';
import { findAccessKey } from './domain/access-keys.js';
import { GROUPS, INSTANCE_PROFILES, USERS, nameKey, type GroupRecord, type InstanceProfileRecord, type UserRecord } from './domain/entities.js';
import { findPolicy } from './domain/policies.js';
import { SERVICE_ROLE_PATH, findRole } from './domain/roles.js';
import { iamArn, iamScope } from './domain/scope.js';
import { serviceLinkedRoleSpec } from './domain/slr-catalogue.js';
import { serviceLinkedRoleArn } from './domain/slr-authorization.js';

type Tags = Array<{ Key: string; Value: string }>;

/** `aws:ResourceTag/*` and `iam:ResourceTag/*` of an entity's tags. */
function resourceTags(tags: Tags): ConditionValues {
  return { ...tagValues('aws:ResourceTag', tags), ...tagValues('iam:ResourceTag', tags) };
}

async function roleRef(ctx: HandlerContext, name: string, withBoundary = false): Promise<ResourceRef> {
  const role = await findRole(ctx, name);
  const values = resourceTags(role?.Tags ?? []);
  if (withBoundary && role?.PermissionsBoundaryArn) values['iam:PermissionsBoundary'] = role.PermissionsBoundaryArn;
  return { arn: role?.Arn ?? iamArn(ctx.scope, `role/${name}`), shown: `role ${name}`, values };
}

/** The caller's own name for operations whose UserName defaults to the calling user. */
function userNameOf(ctx: HandlerContext, name: string | undefined): string | undefined {
  return name ?? (ctx.scope.principal.type === 'user' ? ctx.scope.principal.name : undefined);
}

async function userRef(ctx: HandlerContext, given: string | undefined, withBoundary = false): Promise<ResourceRef | string> {
  const name = userNameOf(ctx, given);
  if (name === undefined) return '*';
  const user = await ctx.tx.get<UserRecord>(USERS, iamScope(ctx.scope), nameKey(name));
  const values = resourceTags(user?.Tags ?? []);
  if (withBoundary && user?.PermissionsBoundaryArn) values['iam:PermissionsBoundary'] = user.PermissionsBoundaryArn;
  return { arn: user?.Arn ?? iamArn(ctx.scope, `user/${name}`), shown: `user ${name}`, values };
}

async function groupRef(ctx: HandlerContext, name: string): Promise<ResourceRef> {
  const group = await ctx.tx.get<GroupRecord>(GROUPS, iamScope(ctx.scope), nameKey(name));
  return { arn: group?.Arn ?? iamArn(ctx.scope, `group/${name}`), shown: `group ${name}` };
}

async function profileRef(ctx: HandlerContext, name: string): Promise<ResourceRef> {
  const profile = await ctx.tx.get<InstanceProfileRecord>(INSTANCE_PROFILES, iamScope(ctx.scope), nameKey(name));
  return { arn: profile?.Arn ?? iamArn(ctx.scope, `instance-profile/${name}`), shown: `instance-profile ${name}`, values: resourceTags(profile?.Tags ?? []) };
}

async function policyRef(ctx: HandlerContext, arn: string): Promise<ResourceRef> {
  const found = await findPolicy(ctx, arn);
  return { arn: found?.record.Arn ?? arn, shown: `policy ${found?.record.Arn ?? arn}`, values: resourceTags(found?.record.Tags ?? []) };
}

const path = (p: string | undefined) => p ?? '/';

// Rule builders for the common shapes.
const onRole = (boundary = false): OperationAuthorization<{ RoleName: string }> => ({ resources: async (i, ctx) => [await roleRef(ctx, i.RoleName, boundary)] });
const onUser = (boundary = false): OperationAuthorization<{ UserName?: string }> => ({ resources: async (i, ctx) => [await userRef(ctx, i.UserName, boundary)] });
const onGroup: OperationAuthorization<{ GroupName: string }> = { resources: async (i, ctx) => [await groupRef(ctx, i.GroupName)] };
const onProfile: OperationAuthorization<{ InstanceProfileName: string }> = { resources: async (i, ctx) => [await profileRef(ctx, i.InstanceProfileName)] };
const onPolicy: OperationAuthorization<{ PolicyArn: string }> = { resources: async (i, ctx) => [await policyRef(ctx, i.PolicyArn)] };
const listUnder = (kind: string): OperationAuthorization<{ PathPrefix?: string }> => ({ resources: (i, ctx) => [iamArn(ctx.scope, `${kind}${path(i.PathPrefix)}`)] });
const policyArnKey = (i: { PolicyArn: string }): ConditionValues => ({ 'iam:PolicyARN': i.PolicyArn });
const boundaryKeys = (arn: string | undefined): ConditionValues => (arn ? { 'iam:PolicyARN': arn, 'iam:PermissionsBoundary': arn } : {});
const tagKeys = (i: { TagKeys: string[] }): ConditionValues => ({ 'aws:TagKeys': i.TagKeys });
const tags = (i: { Tags?: Tags }): ConditionValues => requestTagValues(i.Tags);

export const iamAuthorization: AuthorizationTable = {
  // Roles
  CreateRole: {
    resources: (i: T.CreateRoleRequest, ctx) => [iamArn(ctx.scope, `role${path(i.Path)}${i.RoleName}`)],
    conditions: (i: T.CreateRoleRequest) => ({ ...tags(i), ...(i.PermissionsBoundary ? { 'iam:PermissionsBoundary': i.PermissionsBoundary } : {}) }),
  },
  GetRole: onRole(), DeleteRole: onRole(), UpdateRole: onRole(), UpdateRoleDescription: onRole(), UpdateAssumeRolePolicy: onRole(),
  ListRoleTags: onRole(), ListRolePolicies: onRole(), GetRolePolicy: onRole(), ListAttachedRolePolicies: onRole(),
  ListInstanceProfilesForRole: onRole(), DeleteServiceLinkedRole: onRole(),
  PutRolePolicy: onRole(true), DeleteRolePolicy: onRole(true), DeleteRolePermissionsBoundary: onRole(true),
  AttachRolePolicy: { ...onRole(true), conditions: policyArnKey },
  DetachRolePolicy: { ...onRole(true), conditions: policyArnKey },
  PutRolePermissionsBoundary: { ...onRole(), conditions: (i: T.PutRolePermissionsBoundaryRequest) => boundaryKeys(i.PermissionsBoundary) },
  TagRole: { ...onRole(), conditions: tags },
  UntagRole: { ...onRole(), conditions: tagKeys },
  ListRoles: listUnder('role'),
  CreateServiceLinkedRole: {
    resources: (i: T.CreateServiceLinkedRoleRequest, ctx) => {
      const spec = serviceLinkedRoleSpec(i.AWSServiceName);
      if (!spec) return [iamArn(ctx.scope, `role${SERVICE_ROLE_PATH}${i.AWSServiceName}/*`)];
      return [serviceLinkedRoleArn(ctx, i.AWSServiceName, i.CustomSuffix === undefined ? spec.roleName : `${spec.roleName}_${i.CustomSuffix}`)];
    },
    conditions: (i: T.CreateServiceLinkedRoleRequest) => ({ 'iam:AWSServiceName': i.AWSServiceName }),
  },

  // Users and their access keys
  CreateUser: {
    resources: (i: T.CreateUserRequest, ctx) => [iamArn(ctx.scope, `user${path(i.Path)}${i.UserName}`)],
    conditions: (i: T.CreateUserRequest) => ({ ...tags(i), ...(i.PermissionsBoundary ? { 'iam:PermissionsBoundary': i.PermissionsBoundary } : {}) }),
  },
  GetUser: onUser(), DeleteUser: onUser(), UpdateUser: onUser(), ListUserTags: onUser(), ListUserPolicies: onUser(), GetUserPolicy: onUser(),
  ListAttachedUserPolicies: onUser(), ListGroupsForUser: onUser(),
  CreateAccessKey: onUser(), DeleteAccessKey: onUser(), UpdateAccessKey: onUser(), ListAccessKeys: onUser(),
  PutUserPolicy: onUser(true), DeleteUserPolicy: onUser(true), DeleteUserPermissionsBoundary: onUser(true),
  AttachUserPolicy: { ...onUser(true), conditions: policyArnKey },
  DetachUserPolicy: { ...onUser(true), conditions: policyArnKey },
  PutUserPermissionsBoundary: { ...onUser(), conditions: (i: T.PutUserPermissionsBoundaryRequest) => boundaryKeys(i.PermissionsBoundary) },
  TagUser: { ...onUser(), conditions: tags },
  UntagUser: { ...onUser(), conditions: tagKeys },
  ListUsers: listUnder('user'),
  GetAccessKeyLastUsed: {
    resources: async (i: T.GetAccessKeyLastUsedRequest, ctx) => {
      const key = await findAccessKey(ctx.tx, iamScope(ctx.scope), i.AccessKeyId);
      return key ? [await userRef(ctx, key.UserName)] : ['*'];
    },
  },

  // Groups
  CreateGroup: { resources: (i: T.CreateGroupRequest, ctx) => [iamArn(ctx.scope, `group${path(i.Path)}${i.GroupName}`)] },
  GetGroup: onGroup, DeleteGroup: onGroup, UpdateGroup: onGroup, ListGroupPolicies: onGroup, GetGroupPolicy: onGroup,
  PutGroupPolicy: onGroup, DeleteGroupPolicy: onGroup, ListAttachedGroupPolicies: onGroup,
  AddUserToGroup: onGroup, RemoveUserFromGroup: onGroup,
  AttachGroupPolicy: { ...onGroup, conditions: policyArnKey },
  DetachGroupPolicy: { ...onGroup, conditions: policyArnKey },
  ListGroups: listUnder('group'),

  // Managed policies
  CreatePolicy: {
    resources: (i: T.CreatePolicyRequest, ctx) => [{ arn: iamArn(ctx.scope, `policy${path(i.Path)}${i.PolicyName}`), shown: `policy ${i.PolicyName}` }],
    conditions: tags,
  },
  GetPolicy: onPolicy, DeletePolicy: onPolicy, CreatePolicyVersion: onPolicy, GetPolicyVersion: onPolicy, DeletePolicyVersion: onPolicy,
  ListPolicyVersions: onPolicy, SetDefaultPolicyVersion: onPolicy, ListEntitiesForPolicy: onPolicy, ListPolicyTags: onPolicy,
  TagPolicy: { ...onPolicy, conditions: tags },
  UntagPolicy: { ...onPolicy, conditions: tagKeys },

  // Instance profiles
  CreateInstanceProfile: {
    resources: (i: T.CreateInstanceProfileRequest, ctx) => [iamArn(ctx.scope, `instance-profile${path(i.Path)}${i.InstanceProfileName}`)],
    conditions: tags,
  },
  GetInstanceProfile: onProfile, DeleteInstanceProfile: onProfile, ListInstanceProfileTags: onProfile,
  AddRoleToInstanceProfile: onProfile, RemoveRoleFromInstanceProfile: onProfile,
  TagInstanceProfile: { ...onProfile, conditions: tags },
  UntagInstanceProfile: { ...onProfile, conditions: tagKeys },
  ListInstanceProfiles: listUnder('instance-profile'),

  // Simulation: SimulatePrincipalPolicy acts on the entity whose policies it reads (recorded:
  // "... iam:SimulatePrincipalPolicy on resource: arn:aws:iam::<acct>:role/<name>"); SimulateCustomPolicy on `*`.
  SimulatePrincipalPolicy: { resources: (i: T.SimulatePrincipalPolicyRequest) => [i.PolicySourceArn] },
};
