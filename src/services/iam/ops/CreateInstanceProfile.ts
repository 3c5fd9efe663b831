import { AwsError } from '../../../kernel/errors.js';
import type { CreateInstanceProfileRequest, CreateInstanceProfileResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { INSTANCE_PROFILES, nameKey, type InstanceProfileRecord } from '../domain/entities.js';
import { toInstanceProfile } from '../domain/instance-profiles.js';
import { iamArn, iamScope } from '../domain/scope.js';
import { checkNoDuplicateKeys } from '../domain/tags.js';

export async function CreateInstanceProfile(input: CreateInstanceProfileRequest, ctx: HandlerContext): Promise<CreateInstanceProfileResponse> {
  const path = input.Path ?? '/';
  checkNoDuplicateKeys(input.Tags ?? []);
  const profile: InstanceProfileRecord = {
    InstanceProfileName: input.InstanceProfileName,
    InstanceProfileId: ctx.ids.uniqueId('AIPA'),
    Path: path,
    Arn: iamArn(ctx.scope, `instance-profile${path}${input.InstanceProfileName}`),
    CreateDate: ctx.clock.now().toISOString(),
    RoleNames: [],
    Tags: input.Tags ?? [],
  };
  // The primary key (the lower-cased name) keeps names unique regardless of case, also under concurrency.
  if (!(await ctx.tx.insert(INSTANCE_PROFILES, iamScope(ctx.scope), nameKey(profile.InstanceProfileName), profile))) {
    throw new AwsError('EntityAlreadyExists', `Instance Profile ${input.InstanceProfileName} already exists.`);
  }
  return { InstanceProfile: await toInstanceProfile(ctx, profile, 'ifAny') };
}
