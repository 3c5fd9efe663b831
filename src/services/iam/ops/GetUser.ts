import type { GetUserRequest, GetUserResponse, User } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { getUserOrThrow } from '../domain/entities.js';
import { iamScope } from '../domain/scope.js';
import { callerUserName, toUser } from '../domain/users-groups.js';

/** When the account root was first seen (Kiln does not model account creation). */
const ROOT_USER = 'iam.rootUser';

export async function GetUser(input: GetUserRequest, ctx: HandlerContext): Promise<GetUserResponse> {
  const userName = input.UserName ?? callerUserName(ctx);
  if (userName !== undefined) return { User: toUser(await getUserOrThrow(ctx, userName)) };
  // The root caller without a UserName: AWS answers the root user, with the account id as its
  // UserId, the root ARN, and neither UserName nor Path.
  const scope = iamScope(ctx.scope);
  await ctx.tx.insert(ROOT_USER, scope, 'root', { CreateDate: ctx.clock.now().toISOString() });
  const root = (await ctx.tx.get<{ CreateDate: string }>(ROOT_USER, scope, 'root'))!;
  const user = { UserId: ctx.scope.account, Arn: ctx.scope.principal.arn, CreateDate: new Date(root.CreateDate) };
  return { User: user as User };
}
