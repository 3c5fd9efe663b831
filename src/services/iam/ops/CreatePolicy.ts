import { AwsError } from '../../../kernel/errors.js';
import type { CreatePolicyRequest, CreatePolicyResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { POLICIES, nameKey, type PolicyRecord } from '../domain/entities.js';
import { checkManagedPolicyDocument, checkPolicyTagKeys, toPolicy } from '../domain/policies.js';
import { iamArn, iamScope } from '../domain/scope.js';

export async function CreatePolicy(input: CreatePolicyRequest, ctx: HandlerContext): Promise<CreatePolicyResponse> {
  const path = input.Path ?? '/';
  const tags = input.Tags ?? [];
  checkPolicyTagKeys(tags);
  checkManagedPolicyDocument(input.PolicyDocument);
  const now = ctx.clock.now().toISOString();
  const record: PolicyRecord = {
    PolicyName: input.PolicyName,
    PolicyId: ctx.ids.uniqueId('ANPA'),
    Arn: iamArn(ctx.scope, `policy${path}${input.PolicyName}`),
    Path: path,
    Description: input.Description,
    CreateDate: now,
    UpdateDate: now,
    DefaultVersionId: 'v1',
    // Documents are kept exactly as given; the protocol URL-encodes them on the way out.
    Versions: [{ VersionId: 'v1', Document: input.PolicyDocument, CreateDate: now }],
    NextVersion: 2,
    Tags: tags,
  };
  // The primary key (the lower-cased name) keeps names unique per account, also under concurrent creates.
  if (!(await ctx.tx.insert(POLICIES, iamScope(ctx.scope), nameKey(input.PolicyName), record))) {
    throw new AwsError('EntityAlreadyExists', `A policy called ${input.PolicyName} already exists. Duplicate names are not allowed.`);
  }
  return { Policy: toPolicy(record, { AttachmentCount: 0, PermissionsBoundaryUsageCount: 0 }, 'create') };
}
