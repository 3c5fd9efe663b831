import { AwsError } from '../../../kernel/errors.js';
import type { DeleteGroupRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { releaseEntityPolicies } from '../domain/attachments.js';
import { GROUPS, GROUP_MEMBERS, getGroupOrThrow, nameKey } from '../domain/entities.js';
import { iamScope } from '../domain/scope.js';
import { groupMembersPrefix } from '../domain/users-groups.js';

export async function DeleteGroup(input: DeleteGroupRequest, ctx: HandlerContext): Promise<void> {
  const group = await getGroupOrThrow(ctx, input.GroupName);
  const scope = iamScope(ctx.scope);
  if ((await ctx.tx.count(GROUP_MEMBERS, scope, { prefix: groupMembersPrefix(group.GroupName) })) > 0) {
    throw new AwsError('DeleteConflict', 'Cannot delete entity, must remove users from group first.');
  }
  if (Object.keys(group.InlinePolicies).length > 0) throw new AwsError('DeleteConflict', 'Cannot delete entity, must delete policies first.');
  if (group.AttachedPolicyArns.length > 0) throw new AwsError('DeleteConflict', 'Cannot delete entity, must detach all policies first.');
  await releaseEntityPolicies(ctx, 'Group', group.GroupName, group);
  await ctx.tx.delete(GROUPS, scope, nameKey(group.GroupName));
}
