/**
 * The write-time grammar of identity-based policies (inline and managed), permissions
 * boundaries and session policies, with IAM's MalformedPolicyDocument messages.
 *
 * IAM checks a document in stages and answers with the first stage that fails; which message
 * wins when a document has several problems follows the cases recorded against AWS in moto's
 * `tests/test_iam/test_iam_policies.py` (the same corpus LocalStack's validator is built on):
 *   1. syntax (shapes, known fields, Effect, known condition operators) → "Syntax errors in policy."
 *   2. Principal present → "Policy document should not specify a principal."
 *   3. for managed policies, Version → "Policy document must be version 2012-10-17 or greater."
 *   4. legacy parsing (exact-case Effect, date values, ARNs IAM's old parser cannot read)
 *      → "The policy failed legacy parsing"
 *   5. Sid characters, then Sid uniqueness
 *   6. actions present, then resources present
 *   7. the first malformed resource (ARN format, partition, region, IAM path)
 *   8. action prefixes ("Actions/Conditions must be prefaced by a vendor, ...").
 */
import { isPolicyDate } from './dates.js';
import {
  STATEMENT_FIELDS, SYNTAX, VERSIONS, conditionShape, has, isObject, isStringOrList, list, principalShape, statementList, type Json,
} from './grammar-shared.js';
import { parseOperator } from './operators.js';

/** Partitions IAM accepts in resource ARNs. */
const PARTITIONS = new Set(['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc']);
const IAM_PATHS = ['user/', 'federated-user/', 'role/', 'group/', 'instance-profile/', 'mfa/', 'server-certificate/', 'policy/', 'sms-mfa/', 'saml-provider/', 'oidc-provider/', 'report/', 'access-report/'];
const TOP_FIELDS = new Set(['Version', 'Id', 'Statement']);

export interface IdentityGrammarOptions {
  /** Managed policies (CreatePolicy, CreatePolicyVersion) must say `"Version": "2012-10-17"`. */
  managed?: boolean;
}

export function checkIdentityGrammar(doc: unknown, options: IdentityGrammarOptions = {}): string | undefined {
  if (!syntaxOk(doc)) return SYNTAX;
  const statements = statementList(doc.Statement) as Json[];
  if (statements.some((s) => has(s, 'Principal') || has(s, 'NotPrincipal'))) return 'Policy document should not specify a principal.';
  if (options.managed && doc.Version !== '2012-10-17') return 'Policy document must be version 2012-10-17 or greater.';

  const resourceError = firstResourceError(statements);
  if (!legacyOk(statements, resourceError !== undefined)) return 'The policy failed legacy parsing';

  const sids = new Set<string>();
  for (const s of statements) {
    if (typeof s.Sid !== 'string') continue;
    if (!/^[0-9A-Za-z]*$/.test(s.Sid)) {
      return 'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*';
    }
  }
  for (const s of statements) {
    if (typeof s.Sid !== 'string' || s.Sid === '') continue;
    if (sids.has(s.Sid)) return 'Statement IDs (SID) in a single policy must be unique.';
    sids.add(s.Sid);
  }
  if (!statements.every((s) => present(s, 'Action') || present(s, 'NotAction'))) return 'Policy statement must contain actions.';
  if (!statements.every((s) => present(s, 'Resource') || present(s, 'NotResource'))) return 'Policy statement must contain resources.';
  if (resourceError) return resourceError;
  for (const field of ['Action', 'NotAction']) {
    for (const s of statements) for (const action of list(s[field])) {
      const problem = actionProblem(action);
      if (problem) return problem;
    }
  }
  return undefined;
}

/** Present and, when a list, not empty. */
function present(s: Json, field: string): boolean {
  const value = s[field];
  return value !== undefined && (!Array.isArray(value) || value.length > 0);
}

function syntaxOk(doc: unknown): doc is Json {
  if (!isObject(doc)) return false;
  if (!Object.keys(doc).every((key) => TOP_FIELDS.has(key))) return false;
  if (has(doc, 'Version') && !VERSIONS.has(doc.Version as string)) return false;
  if (has(doc, 'Id') && typeof doc.Id !== 'string') return false;
  const statement = doc.Statement;
  if (!isObject(statement) && !(Array.isArray(statement) && statement.length > 0)) return false;
  return statementList(statement).every(statementSyntaxOk);
}

function statementSyntaxOk(s: unknown): boolean {
  if (!isObject(s)) return false;
  if (!Object.keys(s).every((key) => STATEMENT_FIELDS.has(key))) return false;
  if ((has(s, 'Action') && has(s, 'NotAction')) || (has(s, 'Resource') && has(s, 'NotResource'))) return false;
  if (has(s, 'Principal') && has(s, 'NotPrincipal')) return false;
  if (typeof s.Effect !== 'string' || !/^(allow|deny)$/i.test(s.Effect)) return false;
  for (const field of ['Action', 'NotAction', 'Resource', 'NotResource']) if (has(s, field) && !isStringOrList(s[field])) return false;
  if (has(s, 'Sid') && typeof s.Sid !== 'string') return false;
  for (const field of ['Principal', 'NotPrincipal']) if (has(s, field) && !principalShape(s[field])) return false;
  if (has(s, 'Condition')) {
    const { shape, unknown } = conditionShape(s.Condition);
    if (!shape || unknown !== undefined) return false;
  }
  return true;
}

/** What IAM's older parser refuses (only checked once the syntax is right). */
function legacyOk(statements: Json[], resourceErrorFound: boolean): boolean {
  for (const s of statements) {
    // The syntax stage accepts "allow" in any case; the legacy parser wants it exact.
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny') return false;
    if (isObject(s.Condition)) {
      for (const [name, block] of Object.entries(s.Condition)) {
        if (parseOperator(name)?.family !== 'Date') continue;
        for (const value of Object.values(block as Json)) {
          for (const item of Array.isArray(value) ? value : [value]) if (!isPolicyDate(String(item))) return false;
        }
      }
    }
  }
  // ARNs are legacy-parsed only when no resource has a format error (that error is reported later).
  if (resourceErrorFound) return true;
  for (const s of statements) {
    for (const resource of [...list(s.Resource), ...list(s.NotResource)]) {
      if (resource === '*') continue;
      const colons = resource.split(':').length - 1;
      if (colons < 5 && resource.includes('::')) return false;
      if (resource.split(':')[2] === '') return false;
    }
  }
  return true;
}

function firstResourceError(statements: Json[]): string | undefined {
  for (const s of statements) {
    for (const resource of [...list(s.Resource), ...list(s.NotResource)]) {
      const problem = resourceProblem(resource);
      if (problem) return problem;
    }
  }
  return undefined;
}

/** IAM's checks of one Resource value, with its messages. */
export function resourceProblem(resource: string): string | undefined {
  if (resource === '*') return undefined;
  const first = resource.indexOf(':');
  if (first < 0) return `Resource ${resource} must be in ARN format or "*".`;
  const afterArn = resource.slice(first + 1);
  const second = afterArn.indexOf(':');
  const partition = second < 0 ? afterArn : afterArn.slice(0, second);
  if (partition !== '*' && !PARTITIONS.has(partition)) {
    // IAM shows the ARN read as six parts, the missing ones as "*".
    const rest = second < 0 ? [''] : afterArn.slice(second + 1).split(':');
    const part1 = rest[0] !== '' || rest.length > 1 ? rest[0] : '*';
    const shown = [part1, rest[1] ?? '*', rest[2] ?? '*', rest.length > 3 ? rest.slice(3).join(':') : '*'];
    return `Partition "${partition}" is not valid for resource "arn:${partition}:${shown.join(':')}".`;
  }
  if (second < 0) return 'Resource vendor must be fully qualified and cannot contain regexes.';
  const parts = afterArn.slice(second + 1).split(':');
  const service = parts[0];
  const region = parts[1] ?? '';
  const path = parts.slice(3).join(':');
  if (service === 'iam' && region !== '') return `IAM resource ${resource} cannot contain region information.`;
  if (service === 's3' && region !== '' && !path.startsWith('accesspoint/')) return `Resource ${resource} can not contain region information.`;
  if (service === 'iam' && parts.length > 3 && !(path === '*' || path === 'root' || IAM_PATHS.some((p) => path.startsWith(p)) || path.startsWith('${'))) {
    return `IAM resource path must either be "*", root, or start with ${IAM_PATHS.join(', ')}.`;
  }
  return undefined;
}

/** IAM's checks of one Action / NotAction value. */
export function actionProblem(action: string): string | undefined {
  if (action === '*') return undefined;
  const parts = action.split(':');
  if (parts.length === 1) return 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.';
  if (parts.length > 2) return 'Actions/Condition can contain only one colon.';
  if (parts[0] !== '*' && /[^a-zA-Z0-9.-]/.test(parts[0])) return `Vendor ${parts[0]} is not valid`;
  return undefined;
}
