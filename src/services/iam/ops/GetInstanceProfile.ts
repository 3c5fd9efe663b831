import type { GetInstanceProfileRequest, GetInstanceProfileResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { getInstanceProfileOrThrow } from '../domain/entities.js';
import { toInstanceProfile } from '../domain/instance-profiles.js';

export async function GetInstanceProfile(input: GetInstanceProfileRequest, ctx: HandlerContext): Promise<GetInstanceProfileResponse> {
  const profile = await getInstanceProfileOrThrow(ctx, input.InstanceProfileName);
  return { InstanceProfile: await toInstanceProfile(ctx, profile, 'always') };
}
