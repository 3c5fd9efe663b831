/** How IAM keeps a role, and how it shows one. */
import { AwsError } from '../../../kernel/errors.js';
import type { Role, Tag } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { checkPolicyGrammar } from '../../../policy/grammar.js';
import { iamScope } from './scope.js';
import { storedTimestamp } from './stored-timestamps.js';

export const ROLES = 'iam.roles';

/**
 * The model's enum says `PermissionsBoundaryPolicy`, but AWS answers `Policy` (responses recorded
 * against the real service, and the aws CLI's own examples); the API reference agrees.
 */
export const BOUNDARY_TYPE = 'Policy' as unknown as 'PermissionsBoundaryPolicy';

export interface RoleRecord {
  RoleName: string;
  RoleId: string;
  Path: string;
  Arn: string;
  CreateDate: string;
  AssumeRolePolicyDocument: string;
  Description?: string;
  MaxSessionDuration: number;
  PermissionsBoundaryArn?: string;
  Tags: Tag[];
  RoleLastUsed?: { LastUsedDate: string; Region: string };
  /** Inline policies: name → document, exactly as given. */
  InlinePolicies: Record<string, string>;
  /** ARNs of the attached managed policies, in attachment order. */
  AttachedPolicyArns: string[];
  /** Names of the instance profiles that contain the role. */
  InstanceProfileNames: string[];
}

/** Service-linked roles live under this path; only AWS may change them. */
export const SERVICE_ROLE_PATH = '/aws-service-role/';

export function isServiceLinked(role: RoleRecord): boolean {
  return role.Path.startsWith(SERVICE_ROLE_PATH);
}

/** Refuses changes to a service-linked role (its description and tags may still change). */
export function assertModifiable(role: RoleRecord): void {
  if (isServiceLinked(role)) {
    throw new AwsError('UnmodifiableEntity', `Cannot perform the operation on the protected role '${role.RoleName}' - this role is only modifiable by AWS`);
  }
}

/** IAM names are unique regardless of case: the store key is the lower-cased name. */
export function roleKey(roleName: string): string {
  return roleName.toLowerCase();
}

export async function findRole(ctx: HandlerContext, roleName: string): Promise<RoleRecord | undefined> {
  return ctx.tx.get<RoleRecord>(ROLES, iamScope(ctx.scope), roleKey(roleName));
}

export async function getRoleOrThrow(ctx: HandlerContext, roleName: string): Promise<RoleRecord> {
  const role = await findRole(ctx, roleName);
  if (!role) throw new AwsError('NoSuchEntity', `The role with name ${roleName} cannot be found.`);
  return role;
}

export async function saveRole(ctx: HandlerContext, role: RoleRecord): Promise<void> {
  await ctx.tx.put(ROLES, iamScope(ctx.scope), roleKey(role.RoleName), role);
}

export function checkTrustPolicy(document: string): void {
  const problem = checkPolicyGrammar(document, 'trust');
  if (problem) throw new AwsError('MalformedPolicyDocument', problem);
}

/** The Role shape. ListRoles leaves out the boundary, last use and tags, as AWS does. */
export function toRole(role: RoleRecord, detail: 'full' | 'list' = 'full'): Role {
  const out: Role = {
    Path: role.Path,
    RoleName: role.RoleName,
    RoleId: role.RoleId,
    Arn: role.Arn,
    CreateDate: storedTimestamp(role.CreateDate),
    AssumeRolePolicyDocument: role.AssumeRolePolicyDocument,
    Description: role.Description,
    MaxSessionDuration: role.MaxSessionDuration,
  };
  if (detail === 'full') {
    if (role.PermissionsBoundaryArn) out.PermissionsBoundary = { PermissionsBoundaryType: BOUNDARY_TYPE, PermissionsBoundaryArn: role.PermissionsBoundaryArn };
    if (role.Tags.length > 0) out.Tags = role.Tags;
    out.RoleLastUsed = role.RoleLastUsed ? { LastUsedDate: new Date(role.RoleLastUsed.LastUsedDate), Region: role.RoleLastUsed.Region } : {};
  }
  return out;
}
