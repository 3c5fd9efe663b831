/**
 * Policy documents compiled for evaluation: every pattern turned into a matcher once, conditions
 * parsed, principals sorted by kind. Compiled policies are cached by document text (bounded at
 * 10,000 documents, approximate LRU, cheap for texts that arrive as new strings; see cache.ts),
 * so a document is parsed once however many requests it serves.
 *
 * Compilation never fails: a document that is not valid JSON (it cannot reach the store past the
 * grammar check, but AWS-managed data or old rows might) compiles to a policy without statements.
 */
import { compileArnPattern, type ArnPattern } from './arn-match.js';
import { TextKeyedCache } from './cache.js';
import { compileConditions, type CompiledCondition } from './conditions.js';
import { compileGlob, globMatch, splitWildcards, type Glob } from './glob.js';
import { compilePrincipal, type CompiledPrincipal } from './principals.js';

export interface CompiledStatement {
  index: number;
  sid: string | undefined;
  effect: 'Allow' | 'Deny';
  /** Lower-cased action patterns; undefined when the statement uses NotAction. */
  actions: Glob[] | undefined;
  notActions: Glob[] | undefined;
  /** Both undefined: the statement has no Resource element (trust policies): any resource. */
  resources: ArnPattern[] | undefined;
  notResources: ArnPattern[] | undefined;
  principal: CompiledPrincipal | undefined;
  notPrincipal: CompiledPrincipal | undefined;
  conditions: CompiledCondition[] | undefined;
}

export interface CompiledPolicy {
  /** The document text it was compiled from. */
  text: string;
  /** `2012-10-17` or `2008-10-17` (the default when Version is absent). */
  version: string;
  statements: CompiledStatement[];
  /** False when the text was not a JSON policy. */
  valid: boolean;
  /** Per action (lower-cased): the statements whose Action / NotAction covers it. */
  actionIndex: Map<string, readonly CompiledStatement[]>;
}

const ACTION_INDEX_LIMIT = 1024;
const CACHE_CAPACITY = 10_000;
const cache = new TextKeyedCache<CompiledPolicy>(CACHE_CAPACITY);

/** The compiled form of a document, from the cache when it was seen before. */
export function compilePolicy(text: string): CompiledPolicy {
  let compiled = cache.get(text);
  if (compiled === undefined) {
    compiled = compileUncached(text);
    cache.set(text, compiled);
  }
  return compiled;
}

/** For tests and benchmarks. */
export function clearPolicyCache(): void {
  cache.clear();
}

/** Distinct documents held (at most 10,000). */
export function policyCacheSize(): number {
  return cache.size;
}

function compileUncached(text: string): CompiledPolicy {
  const policy: CompiledPolicy = { text, version: '2008-10-17', statements: [], valid: false, actionIndex: new Map() };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return policy;
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return policy;
  const { Version, Statement } = doc as Record<string, unknown>;
  if (Version === '2012-10-17') policy.version = Version;
  // Policy variables exist only in 2012-10-17 documents; in older ones `${...}` is literal text.
  const variables = policy.version === '2012-10-17';
  const statements = Array.isArray(Statement) ? Statement : Statement === undefined ? [] : [Statement];
  statements.forEach((s, index) => {
    if (!s || typeof s !== 'object' || Array.isArray(s)) return;
    const statement = s as Record<string, unknown>;
    // A statement whose Effect is neither "Allow" nor "Deny" (IAM refuses it at write time) grants and denies nothing.
    if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') return;
    policy.statements.push(compileStatement(statement, index, variables));
  });
  policy.valid = true;
  return policy;
}

function strings(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

function compileStatement(s: Record<string, unknown>, index: number, variables: boolean): CompiledStatement {
  const actionGlobs = (list: string[] | undefined) => list?.map((a) => compileGlob(splitWildcards(a.toLowerCase())));
  const arnPatterns = (list: string[] | undefined) => list?.map((r) => compileArnPattern(r, variables));
  const conditions = s.Condition === undefined ? undefined : compileConditions(s.Condition, variables);
  return {
    index,
    sid: typeof s.Sid === 'string' ? s.Sid : undefined,
    effect: s.Effect === 'Allow' ? 'Allow' : 'Deny',
    actions: actionGlobs(strings(s.Action)) ?? (s.NotAction === undefined ? [] : undefined),
    notActions: actionGlobs(strings(s.NotAction)),
    resources: arnPatterns(strings(s.Resource)),
    notResources: arnPatterns(strings(s.NotResource)),
    principal: s.Principal === undefined ? undefined : compilePrincipal(s.Principal),
    notPrincipal: s.NotPrincipal === undefined ? undefined : compilePrincipal(s.NotPrincipal),
    conditions: conditions && conditions.length > 0 ? conditions : undefined,
  };
}

/** The statements of a policy that cover an action (lower-cased), memoized per policy. */
export function statementsForAction(policy: CompiledPolicy, action: string): readonly CompiledStatement[] {
  const hit = policy.actionIndex.get(action);
  if (hit !== undefined) return hit;
  const out: CompiledStatement[] = [];
  for (const s of policy.statements) if (actionCovered(s, action)) out.push(s);
  if (policy.actionIndex.size >= ACTION_INDEX_LIMIT) policy.actionIndex.clear();
  policy.actionIndex.set(action, out);
  return out;
}

function actionCovered(s: CompiledStatement, action: string): boolean {
  if (s.actions !== undefined) {
    for (const glob of s.actions) if (globMatch(glob, action)) return true;
    return false;
  }
  if (s.notActions !== undefined) {
    for (const glob of s.notActions) if (globMatch(glob, action)) return false;
    return true;
  }
  return false;
}
