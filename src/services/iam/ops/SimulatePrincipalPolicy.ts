import { AwsError } from '../../../kernel/errors.js';
import type { SimulatePolicyResponse, SimulatePrincipalPolicyRequest } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { RESOURCE_POLICY_ID, checkInputPolicy, inputPolicies, simulate, type SimulationCaller } from '../domain/simulation.js';
import { INVALID_CALLER, entityPolicies, parseEntityArn } from '../domain/simulation-sources.js';

/**
 * Simulates the policies of a user (with its groups'), group or role, plus any given as text, for
 * each action and resource. The entity's permissions boundary takes part unless the request
 * passes another one.
 */
export async function SimulatePrincipalPolicy(input: SimulatePrincipalPolicyRequest, ctx: HandlerContext): Promise<SimulatePolicyResponse> {
  const source = parseEntityArn(input.PolicySourceArn);
  // Both messages recorded from AWS.
  if (!source) throw new AwsError('InvalidInput', `Invalid Entity Arn: ${input.PolicySourceArn} does not clearly define entity type and name.`);
  if (source.account !== ctx.scope.account) {
    throw new AwsError('InvalidInput', `Invalid Policy Source Arn: caller's account ${ctx.scope.account} does not have access to policies in account ${source.account}`);
  }
  const extra = inputPolicies(input.PolicyInputList, 'PolicyInputList', 'identity');
  const boundaries = inputPolicies(input.PermissionsBoundaryPolicyInputList, 'PermissionsBoundaryPolicyInputList', 'boundary');
  if (boundaries.length > 1) throw new AwsError('InvalidInput', 'Only one permissions boundary policy can be simulated at a time.');
  if (input.ResourcePolicy !== undefined) checkInputPolicy(input.ResourcePolicy, 'resource');
  const entity = await entityPolicies(ctx, source);

  // The caller defaults to the entity when it is a user; with a ResourcePolicy a user caller is required.
  const callerArn = input.CallerArn ?? (source.kind === 'user' ? entity.arn : undefined);
  const caller = callerArn === undefined ? undefined : parseEntityArn(callerArn);
  if ((input.CallerArn !== undefined && caller?.kind !== 'user') || (input.ResourcePolicy !== undefined && !caller)) {
    throw new AwsError('InvalidInput', INVALID_CALLER);
  }
  const simulated: SimulationCaller = caller
    ? { arn: callerArn!, account: caller.account, type: 'User' }
    : source.kind === 'role'
      ? { arn: entity.arn, account: source.account, type: 'AssumedRole', roleArn: entity.arn }
      : { arn: entity.arn, account: source.account, type: 'User' };
  return simulate({
    identity: [...entity.identity, ...extra], boundary: boundaries[0] ?? entity.boundary, caller: simulated,
    resourcePolicy: input.ResourcePolicy === undefined ? undefined : { id: RESOURCE_POLICY_ID, document: input.ResourcePolicy },
    actions: input.ActionNames, resources: input.ResourceArns, resourceOwner: input.ResourceOwner,
    contextEntries: input.ContextEntries, marker: input.Marker, maxItems: input.MaxItems,
  });
}
