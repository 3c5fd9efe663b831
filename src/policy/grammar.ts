/**
 * The write-time grammar check for policy documents, with IAM's MalformedPolicyDocument
 * messages. Pure: it returns the problem or undefined. The full grammar (conditions, principals,
 * variables) grows with the policy engine; this covers the document envelope and statements.
 */
export type PolicyKind = 'identity' | 'trust';

const STATEMENT_FIELDS = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition']);
const VERSIONS = new Set(['2012-10-17', '2008-10-17']);
/** The actions a trust policy may name (wildcards that match them are allowed too). */
const TRUST_ACTIONS = ['sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity', 'sts:TagSession', 'sts:SetSourceIdentity', 'sts:SetContext'];

function isTrustAction(action: unknown): boolean {
  if (typeof action !== 'string') return false;
  const pattern = new RegExp(`^${action.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return TRUST_ACTIONS.some((known) => pattern.test(known));
}

export function checkPolicyGrammar(text: string, kind: PolicyKind): string | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return 'This policy contains invalid Json';
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return 'Syntax errors in policy.';
  const { Version, Statement } = doc as Record<string, unknown>;
  if (Version !== undefined && !VERSIONS.has(Version as string)) return 'The policy must contain a valid version string';
  if (Statement === undefined) return 'Missing required field Statement';
  const statements = Array.isArray(Statement) ? Statement : [Statement];
  if (statements.length === 0) return 'Syntax errors in policy.';
  for (const statement of statements) {
    const problem = checkStatement(statement, kind);
    if (problem) return problem;
  }
  return undefined;
}

function checkStatement(statement: unknown, kind: PolicyKind): string | undefined {
  if (!statement || typeof statement !== 'object' || Array.isArray(statement)) return 'Syntax errors in policy.';
  const s = statement as Record<string, unknown>;
  for (const field of Object.keys(s)) if (!STATEMENT_FIELDS.has(field)) return `Syntax errors in policy.`;
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') return s.Effect === undefined ? 'Missing required field Effect' : 'Invalid effect: ' + String(s.Effect);
  if (s.Action === undefined && s.NotAction === undefined) return 'Missing required field Action';
  if (kind === 'trust') {
    if (s.Resource !== undefined || s.NotResource !== undefined) return `Has prohibited field ${s.Resource !== undefined ? 'Resource' : 'NotResource'}`;
    if (s.Principal === undefined && s.NotPrincipal === undefined) return 'Missing required field Principal';
    const actions = s.Action === undefined ? [] : Array.isArray(s.Action) ? s.Action : [s.Action];
    if (!actions.every(isTrustAction)) return 'AssumeRole policy may only specify STS AssumeRole actions.';
  } else {
    if (s.Principal !== undefined || s.NotPrincipal !== undefined) return `Policy document should not specify a principal.`;
    if (s.Resource === undefined && s.NotResource === undefined) return 'Policy statement must contain resources.';
  }
  return undefined;
}
