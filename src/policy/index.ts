/**
 * Kiln's IAM policy engine: pure functions over policy texts and a request context.
 *
 * - `checkPolicyGrammar(text, kind)` at write time (MalformedPolicyDocument message or undefined).
 * - `evaluate(input)` on every request: explicitDeny / implicitDeny / allowed, the statements
 *   that decided, the condition keys the request lacked, and AWS's access-denied reason.
 *   For `sts:AssumeRole`, pass the role's trust policy as `resourcePolicies` and the role ARN as
 *   `request.resource` (resourceAccount = the role's account).
 * - `compilePolicy(text)` when a caller wants to hold compiled policies itself
 *   (`PolicySource.compiled`); otherwise the engine caches them by text.
 */
export { checkPolicyGrammar, type GrammarOptions } from './grammar.js';
export { evaluate } from './evaluate.js';
export { compilePolicy, clearPolicyCache, policyCacheSize } from './compile.js';
export { parseOperator } from './operators.js';
export type {
  CompiledPolicy, ConditionValues, Decision, DecisionKind, EvaluationInput, MatchedStatement, PolicyKind, PolicySource, RequestContext,
} from './types.js';
