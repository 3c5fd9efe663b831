/**
 * Resource policies of components, images and recipes (Put/Get*Policy), kept in RESOURCE_POLICIES
 * under the resource's ARN exactly as given. A policy is a resource-based policy: it must name a
 * Principal, and is checked with IAM's grammar for those. Sharing takes effect through RAM in AWS
 * (PutComponentPolicy's documentation: the resource is visible to the principals only once
 * PromoteResourceShareCreatedFromPolicy has run); Kiln has no RAM, so the policy is kept and
 * answered, and shares nothing.
 */
import { AwsError } from '../../../kernel/errors.js';
import { checkPolicyGrammar } from '../../../policy/grammar.js';
import type { HandlerContext } from '../../types.js';
import { RESOURCE_POLICIES } from './records.js';
import { ibScope } from './scope.js';

interface PolicyRecord {
  resourceArn: string;
  policy: string;
  dateUpdated: string;
}

/** InvalidParameterValueException with IAM's grammar message (AWS's Image Builder wording is not documented). */
export function checkResourcePolicy(policy: string): void {
  const problem = checkPolicyGrammar(policy, 'resource');
  if (problem) throw new AwsError('InvalidParameterValueException', `The value supplied for parameter 'policy' is not valid. ${problem}`);
}

export async function putResourcePolicy(ctx: HandlerContext, resourceArn: string, policy: string): Promise<void> {
  await ctx.tx.put<PolicyRecord>(RESOURCE_POLICIES, ibScope(ctx.scope), resourceArn, {
    resourceArn, policy, dateUpdated: ctx.clock.now().toISOString(),
  });
}

/** The stored policy text, or ResourceNotFoundException when the resource has none (Kiln's wording). */
export async function getResourcePolicy(ctx: HandlerContext, resourceArn: string): Promise<string> {
  const record = await ctx.tx.get<PolicyRecord>(RESOURCE_POLICIES, ibScope(ctx.scope), resourceArn);
  if (!record) throw new AwsError('ResourceNotFoundException', `The resource ARN '${resourceArn}' has no resource policy.`);
  return record.policy;
}

/** Removes a deleted resource's policy, so that a later resource with the same ARN starts without one (every Delete of a resource that can have one). */
export async function deleteResourcePolicy(ctx: HandlerContext, resourceArn: string): Promise<void> {
  await ctx.tx.delete(RESOURCE_POLICIES, ibScope(ctx.scope), resourceArn);
}
