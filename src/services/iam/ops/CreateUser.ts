import { AwsError } from '../../../kernel/errors.js';
import type { CreateUserRequest, CreateUserResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { applyPermissionsBoundary } from '../domain/attachments.js';
import { USERS, nameKey, type UserRecord } from '../domain/entities.js';
import { iamArn, iamScope } from '../domain/scope.js';
import { checkNoDuplicateKeys } from '../domain/tags.js';
import { toUser } from '../domain/users-groups.js';

export async function CreateUser(input: CreateUserRequest, ctx: HandlerContext): Promise<CreateUserResponse> {
  const path = input.Path ?? '/';
  checkNoDuplicateKeys(input.Tags ?? []);
  const user: UserRecord = {
    UserName: input.UserName,
    UserId: ctx.ids.uniqueId('AIDA'),
    Path: path,
    Arn: iamArn(ctx.scope, `user${path}${input.UserName}`),
    CreateDate: ctx.clock.now().toISOString(),
    Tags: input.Tags ?? [],
    InlinePolicies: {},
    AttachedPolicyArns: [],
    GroupNames: [],
  };
  // Checks the boundary policy, stores its canonical ARN on the record and indexes the use.
  await applyPermissionsBoundary(ctx, 'User', user.UserName, user, input.PermissionsBoundary);
  // The primary key (the lower-cased name) keeps names unique regardless of case, even under concurrent creates.
  if (!(await ctx.tx.insert(USERS, iamScope(ctx.scope), nameKey(user.UserName), user))) {
    throw new AwsError('EntityAlreadyExists', `User with name ${input.UserName} already exists.`);
  }
  return { User: toUser(user) };
}
