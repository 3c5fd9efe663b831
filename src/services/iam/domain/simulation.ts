/**
 * The IAM policy simulator (SimulatePrincipalPolicy, SimulateCustomPolicy): the same engine that
 * authorizes Kiln's requests, run for every action × resource of the request with only the
 * context keys the caller supplies (`ContextEntries`), as AWS's simulator does.
 *
 * Output as AWS answers it (AWS CLI examples, responses recorded from AWS):
 * - every matched statement names its policy: `PolicyInputList.<n>` for input policies, a
 *   managed policy's name, `<user|group|role>_<entity>_<policy>` for inline policies; and the
 *   type `IAM Policy` for all of those (AWS sends this value although the model's enum lacks it);
 * - `MissingContextValues` lists the keys statements asked for that the request lacked;
 * - with `ResourceArns`, each result carries `ResourceSpecificResults` for its resource and an
 *   empty `EvalDecisionDetails`; without them the resource is `*` and neither is sent;
 * - `PermissionsBoundaryDecisionDetail` when a permissions boundary takes part.
 * Not modelled: `ResourceHandlingOption` (EC2 scenarios), Organizations SCPs
 * (`OrganizationsDecisionDetail`), and the cross-account breakdown of `EvalDecisionDetails`.
 */
import { AwsError } from '../../../kernel/errors.js';
import type { ContextEntry, EvaluationResult, SimulatePolicyResponse, Statement } from '../../../generated/iam.js';
import { evaluate } from '../../../policy/evaluate.js';
import { checkPolicyGrammar } from '../../../policy/grammar.js';
import type { ConditionValues, Decision, EvaluationInput, MatchedStatement, PolicyKind, PolicySource, RequestContext } from '../../../policy/types.js';
import { decodeCursor, encodeCursor } from './policies.js';
import { DEFAULT_MAX_ITEMS } from './paging.js';
import { statementPositions, type StatementSpan } from './statement-positions.js';

/** The SourcePolicyType AWS sends for identity-based policies (and Kiln for boundaries). */
export const IAM_POLICY_TYPE = 'IAM Policy';
/** The resource policy's id and type in MatchedStatements (INFERRED: no recorded output shows one). */
export const RESOURCE_POLICY_ID = 'ResourcePolicy';
const RESOURCE_POLICY_TYPE = 'resource';

export interface SimulationCaller {
  /** The simulated caller's ARN (a user, or the entity whose policies are simulated). */
  arn: string;
  account: string;
  type: RequestContext['principal']['type'];
  roleArn?: string;
}

export interface Simulation {
  identity: PolicySource[];
  boundary?: PolicySource;
  resourcePolicy?: PolicySource;
  caller: SimulationCaller;
  actions: string[];
  resources?: string[];
  /** `arn:aws:iam::<account>:root`: who owns resources whose ARN does not say. */
  resourceOwner?: string;
  contextEntries?: ContextEntry[];
  marker?: string;
  maxItems?: number;
}

/** Checks a document given as input (`PolicyInputList`, boundaries, `ResourcePolicy`) with IAM's grammar. */
export function checkInputPolicy(document: string, kind: PolicyKind): void {
  const problem = checkPolicyGrammar(document, kind);
  // The simulator answers a malformed document with InvalidInput (its only modelled input error);
  // the wording is the grammar's (INFERRED).
  if (problem) throw new AwsError('InvalidInput', problem);
}

/** `PolicyInputList.1`, ... for the policies a request passes as text. */
export function inputPolicies(list: string[] | undefined, label: string, kind: PolicyKind): PolicySource[] {
  return (list ?? []).map((document, i) => {
    checkInputPolicy(document, kind);
    return { id: `${label}.${i + 1}`, document };
  });
}

/** The account of `arn:aws:iam::<account>:root`, as ResourceOwner must be given. */
function ownerAccount(owner: string | undefined): string | undefined {
  if (owner === undefined) return undefined;
  const match = /^arn:[^:]+:iam::(\d{12}):root$/.exec(owner);
  // Recorded from AWS for ResourceOwner '123456789012' (boto/botocore#1346), wording included.
  if (!match) throw new AwsError('InvalidInput', `'${owner}' is not a valid as a Resource Owner.`);
  return match[1];
}

/** ContextEntries as condition values: list types as lists, others as their one value. */
export function contextValues(entries: ContextEntry[] | undefined): ConditionValues {
  const values: ConditionValues = {};
  for (const entry of entries ?? []) {
    if (!entry.ContextKeyName) continue;
    const given = entry.ContextKeyValues ?? [];
    values[entry.ContextKeyName] = entry.ContextKeyType?.endsWith('List') || given.length !== 1 ? given : given[0];
  }
  return values;
}

function resourceAccountOf(resource: string, owner: string | undefined, fallback: string): string {
  const account = resource.split(':')[4];
  return account && /^\d{12}$/.test(account) ? account : owner ?? fallback;
}

export function simulate(sim: Simulation): SimulatePolicyResponse {
  const owner = ownerAccount(sim.resourceOwner);
  const values = contextValues(sim.contextEntries);
  const spans = new Map<string, StatementSpan[]>();
  const sources = [...sim.identity, ...(sim.boundary ? [sim.boundary] : []), ...(sim.resourcePolicy ? [sim.resourcePolicy] : [])];
  const documents = new Map(sources.map((s) => [s.id, s.document]));

  const statement = (m: MatchedStatement): Statement => {
    let positions = spans.get(m.policyId);
    if (!positions) spans.set(m.policyId, (positions = statementPositions(documents.get(m.policyId) ?? '')));
    const out: Statement = { SourcePolicyId: m.policyId, SourcePolicyType: (m.source === 'resource' ? RESOURCE_POLICY_TYPE : IAM_POLICY_TYPE) as Statement['SourcePolicyType'] };
    const span = positions[m.index];
    if (span) Object.assign(out, span);
    return out;
  };

  const evaluateOne = (action: string, resource: string) => {
    const resourceAccount = resourceAccountOf(resource, owner, sim.caller.account);
    const request: RequestContext = {
      action, resource, resourceAccount, values,
      principal: { arn: sim.caller.arn, account: sim.caller.account, userId: '', type: sim.caller.type, roleArn: sim.caller.roleArn },
    };
    const input: EvaluationInput = {
      request, identityPolicies: sim.identity, permissionsBoundary: sim.boundary,
      resourcePolicies: sim.resourcePolicy ? [sim.resourcePolicy] : undefined,
    };
    const decision: Decision = evaluate(input);
    const boundary = sim.boundary
      ? { AllowedByPermissionsBoundary: evaluate({ request, identityPolicies: [sim.boundary] }).decision === 'allowed' }
      : undefined;
    return { decision, boundary };
  };

  const resources = sim.resources && sim.resources.length > 0 ? sim.resources : undefined;
  const grid = sim.actions.length * (resources?.length ?? 1);
  const maxItems = sim.maxItems ?? DEFAULT_MAX_ITEMS;
  let start = 0;
  if (sim.marker !== undefined) {
    const cursor = decodeCursor(sim.marker) as { i?: unknown };
    if (!cursor || typeof cursor.i !== 'number' || cursor.i < 0 || cursor.i > grid) throw new AwsError('InvalidInput', 'Invalid Marker.');
    start = cursor.i;
  }
  const end = Math.min(grid, start + maxItems);
  const results: EvaluationResult[] = [];
  for (let n = start; n < end; n++) {
    const action = sim.actions[resources ? Math.floor(n / resources.length) : n];
    const resource = resources ? resources[n % resources.length] : '*';
    const { decision, boundary } = evaluateOne(action, resource);
    const matched = decision.matchedStatements.map(statement);
    const result: EvaluationResult = {
      EvalActionName: action, EvalResourceName: resource, EvalDecision: decision.decision,
      MatchedStatements: matched, MissingContextValues: decision.missingContextValues,
    };
    if (boundary) result.PermissionsBoundaryDecisionDetail = boundary;
    if (resources) {
      result.EvalDecisionDetails = {};
      result.ResourceSpecificResults = [{
        EvalResourceName: resource, EvalResourceDecision: decision.decision, MatchedStatements: matched,
        MissingContextValues: decision.missingContextValues, ...(boundary ? { PermissionsBoundaryDecisionDetail: boundary } : {}),
      }];
    }
    results.push(result);
  }
  return end < grid
    ? { EvaluationResults: results, IsTruncated: true, Marker: encodeCursor({ i: end }) }
    : { EvaluationResults: results, IsTruncated: false };
}
