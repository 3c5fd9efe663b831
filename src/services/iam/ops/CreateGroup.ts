import { AwsError } from '../../../kernel/errors.js';
import type { CreateGroupRequest, CreateGroupResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { GROUPS, nameKey, type GroupRecord } from '../domain/entities.js';
import { iamArn, iamScope } from '../domain/scope.js';
import { toGroup } from '../domain/users-groups.js';

export async function CreateGroup(input: CreateGroupRequest, ctx: HandlerContext): Promise<CreateGroupResponse> {
  const path = input.Path ?? '/';
  const group: GroupRecord = {
    GroupName: input.GroupName,
    GroupId: ctx.ids.uniqueId('AGPA'),
    Path: path,
    Arn: iamArn(ctx.scope, `group${path}${input.GroupName}`),
    CreateDate: ctx.clock.now().toISOString(),
    InlinePolicies: {},
    AttachedPolicyArns: [],
  };
  if (!(await ctx.tx.insert(GROUPS, iamScope(ctx.scope), nameKey(group.GroupName), group))) {
    throw new AwsError('EntityAlreadyExists', `Group with name ${input.GroupName} already exists.`);
  }
  return { Group: toGroup(group) };
}
