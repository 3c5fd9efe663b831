import type { UntagInstanceProfileRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { getInstanceProfileOrThrow } from '../domain/entities.js';
import { saveInstanceProfile } from '../domain/instance-profiles.js';
import { removeTags } from '../domain/tags.js';

export async function UntagInstanceProfile(input: UntagInstanceProfileRequest, ctx: HandlerContext): Promise<void> {
  const profile = await getInstanceProfileOrThrow(ctx, input.InstanceProfileName);
  profile.Tags = removeTags(profile.Tags, input.TagKeys);
  await saveInstanceProfile(ctx, profile);
}
