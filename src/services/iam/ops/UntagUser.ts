import type { UntagUserRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { USERS, getUserOrThrow, saveRecord } from '../domain/entities.js';
import { removeTags } from '../domain/tags.js';

export async function UntagUser(input: UntagUserRequest, ctx: HandlerContext): Promise<void> {
  const user = await getUserOrThrow(ctx, input.UserName);
  user.Tags = removeTags(user.Tags, input.TagKeys);
  await saveRecord(ctx, USERS, user.UserName, user);
}
