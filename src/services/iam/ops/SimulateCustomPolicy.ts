import { AwsError } from '../../../kernel/errors.js';
import type { SimulateCustomPolicyRequest, SimulatePolicyResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { RESOURCE_POLICY_ID, checkInputPolicy, inputPolicies, simulate, type SimulationCaller } from '../domain/simulation.js';
import { INVALID_CALLER, parseEntityArn } from '../domain/simulation-sources.js';

/** Simulates policies given as text (and optionally a resource policy) for each action and resource. */
export async function SimulateCustomPolicy(input: SimulateCustomPolicyRequest, ctx: HandlerContext): Promise<SimulatePolicyResponse> {
  const identity = inputPolicies(input.PolicyInputList, 'PolicyInputList', 'identity');
  const boundaries = inputPolicies(input.PermissionsBoundaryPolicyInputList, 'PermissionsBoundaryPolicyInputList', 'boundary');
  // "You can input only one permissions boundary" (API reference); the wording of the refusal is Kiln's.
  if (boundaries.length > 1) throw new AwsError('InvalidInput', 'Only one permissions boundary policy can be simulated at a time.');
  if (input.ResourcePolicy !== undefined) checkInputPolicy(input.ResourcePolicy, 'resource');

  // CallerArn must be a user; it is required with a ResourcePolicy so that its Principal has a value.
  const caller = input.CallerArn === undefined ? undefined : parseEntityArn(input.CallerArn);
  if ((input.CallerArn !== undefined && caller?.kind !== 'user') || (input.ResourcePolicy !== undefined && !caller)) {
    throw new AwsError('InvalidInput', INVALID_CALLER);
  }
  const simulated: SimulationCaller = caller
    ? { arn: input.CallerArn!, account: caller.account, type: 'User' }
    : { arn: '', account: ctx.scope.account, type: 'User' };
  return simulate({
    identity, boundary: boundaries[0], caller: simulated,
    resourcePolicy: input.ResourcePolicy === undefined ? undefined : { id: RESOURCE_POLICY_ID, document: input.ResourcePolicy },
    actions: input.ActionNames, resources: input.ResourceArns, resourceOwner: input.ResourceOwner,
    contextEntries: input.ContextEntries, marker: input.Marker, maxItems: input.MaxItems,
  });
}
