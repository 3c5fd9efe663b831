import type { TagInstanceProfileRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { getInstanceProfileOrThrow } from '../domain/entities.js';
import { saveInstanceProfile } from '../domain/instance-profiles.js';
import { mergeTags } from '../domain/tags.js';

export async function TagInstanceProfile(input: TagInstanceProfileRequest, ctx: HandlerContext): Promise<void> {
  const profile = await getInstanceProfileOrThrow(ctx, input.InstanceProfileName);
  profile.Tags = mergeTags(profile.Tags, input.Tags, 'TagsPerInstanceProfile');
  await saveInstanceProfile(ctx, profile);
}
