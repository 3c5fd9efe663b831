import { AwsError } from '../../../kernel/errors.js';
import type { CreatePolicyVersionRequest, CreatePolicyVersionResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import type { PolicyVersionRecord } from '../domain/entities.js';
import {
  MAX_POLICY_VERSIONS, checkManagedPolicyDocument, getCustomerPolicyForChange, savePolicy, toPolicyVersion,
} from '../domain/policies.js';

export async function CreatePolicyVersion(input: CreatePolicyVersionRequest, ctx: HandlerContext): Promise<CreatePolicyVersionResponse> {
  const record = await getCustomerPolicyForChange(ctx, input.PolicyArn, 'CreatePolicyVersion');
  checkManagedPolicyDocument(input.PolicyDocument);
  if (record.Versions.length >= MAX_POLICY_VERSIONS) {
    throw new AwsError('LimitExceeded', `A managed policy can have up to ${MAX_POLICY_VERSIONS} versions. Before you create a new version, you must delete an existing version.`);
  }
  const now = ctx.clock.now().toISOString();
  // Version numbers are never reused: after v5 is deleted the next one is v6 (LS-SNAP).
  const version: PolicyVersionRecord = { VersionId: `v${record.NextVersion}`, Document: input.PolicyDocument, CreateDate: now };
  record.Versions.push(version);
  record.NextVersion += 1;
  if (input.SetAsDefault) record.DefaultVersionId = version.VersionId;
  // UpdateDate is when the most recent version was created (API reference, Policy.UpdateDate).
  record.UpdateDate = now;
  await savePolicy(ctx, record);
  return { PolicyVersion: toPolicyVersion(record, version, false) };
}
