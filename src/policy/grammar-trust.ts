/**
 * The write-time grammar of role trust policies (CreateRole, UpdateAssumeRolePolicy) and of other
 * resource-based policies. IAM reads these with a different parser than identity policies, and
 * its messages name fields: "Unknown field <name>" (recorded: CreateRole with a top-level
 * `statement` answers "Unknown field statement"), "Has prohibited field Resource" and
 * "AssumeRole policy may only specify STS AssumeRole actions." (LocalStack snapshot
 * test_update_assume_role_policy_errors), "Missing required field <name>", and
 * `Invalid principal in policy: "AWS":"<value>"`.
 */
import {
  STATEMENT_FIELDS, SYNTAX, VERSIONS, conditionShape, has, isObject, isStringOrList, list, principalProblem, principalShape, statementList,
} from './grammar-shared.js';

/** The actions a trust policy may name (wildcards that match one of them are allowed too). */
const TRUST_ACTIONS = ['sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity', 'sts:TagSession', 'sts:SetSourceIdentity', 'sts:SetContext'];
const TOP_FIELDS = ['Version', 'Id', 'Statement'];

function isTrustAction(action: unknown): boolean {
  if (typeof action !== 'string') return false;
  const pattern = new RegExp(`^${action.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return TRUST_ACTIONS.some((known) => pattern.test(known));
}

export function checkTrustGrammar(doc: unknown, kind: 'trust' | 'resource'): string | undefined {
  if (!isObject(doc)) return SYNTAX;
  for (const key of Object.keys(doc)) if (!TOP_FIELDS.includes(key)) return `Unknown field ${key}`;
  const { Version, Statement } = doc;
  if (Version !== undefined && !VERSIONS.has(Version as string)) return 'The policy must contain a valid version string';
  if (doc.Id !== undefined && typeof doc.Id !== 'string') return SYNTAX;
  if (Statement === undefined) return 'Missing required field Statement';
  const statements = statementList(Statement);
  if (statements.length === 0) return SYNTAX;
  for (const statement of statements) {
    const problem = checkStatement(statement, kind);
    if (problem) return problem;
  }
  return undefined;
}

function checkStatement(statement: unknown, kind: 'trust' | 'resource'): string | undefined {
  if (!isObject(statement)) return SYNTAX;
  const s = statement;
  for (const field of Object.keys(s)) if (!STATEMENT_FIELDS.has(field)) return `Unknown field ${field}`;
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') return s.Effect === undefined ? 'Missing required field Effect' : 'Invalid effect: ' + String(s.Effect);
  if (s.Action === undefined && s.NotAction === undefined) return 'Missing required field Action';
  for (const field of ['Action', 'NotAction', 'Resource', 'NotResource']) if (has(s, field) && !isStringOrList(s[field])) return SYNTAX;
  if ((has(s, 'Action') && has(s, 'NotAction')) || (has(s, 'Resource') && has(s, 'NotResource'))) return SYNTAX;
  if (has(s, 'Sid') && typeof s.Sid !== 'string') return SYNTAX;
  if (kind === 'trust') {
    if (s.Resource !== undefined || s.NotResource !== undefined) return `Has prohibited field ${s.Resource !== undefined ? 'Resource' : 'NotResource'}`;
  } else if (s.Resource === undefined && s.NotResource === undefined) {
    return 'Missing required field Resource';
  }
  if (s.Principal === undefined && s.NotPrincipal === undefined) return 'Missing required field Principal';
  const principal = s.Principal !== undefined ? s.Principal : s.NotPrincipal;
  if (has(s, 'Principal') && has(s, 'NotPrincipal')) return SYNTAX;
  if (!principalShape(principal)) return SYNTAX;
  const principalError = principalProblem(principal);
  if (principalError) return principalError;
  if (has(s, 'Condition')) {
    const { shape, unknown } = conditionShape(s.Condition);
    if (!shape) return SYNTAX;
    if (unknown !== undefined) return `Invalid Condition type : ${unknown}`;
  }
  if (kind === 'trust') {
    const actions = list(s.Action);
    if (s.NotAction !== undefined || !actions.every(isTrustAction)) return 'AssumeRole policy may only specify STS AssumeRole actions.';
  }
  return undefined;
}
