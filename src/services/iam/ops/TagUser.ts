import type { TagUserRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { USERS, getUserOrThrow, saveRecord } from '../domain/entities.js';
import { mergeTags } from '../domain/tags.js';

export async function TagUser(input: TagUserRequest, ctx: HandlerContext): Promise<void> {
  const user = await getUserOrThrow(ctx, input.UserName);
  user.Tags = mergeTags(user.Tags, input.Tags, 'TagsPerUser');
  await saveRecord(ctx, USERS, user.UserName, user);
}
