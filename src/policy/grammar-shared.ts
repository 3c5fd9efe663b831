/** Shape checks that both grammar families (grammar-identity.ts, grammar-trust.ts) share. */
import { parseOperator } from './operators.js';

export type Json = Record<string, unknown>;

export const VERSIONS = new Set(['2012-10-17', '2008-10-17']);
export const STATEMENT_FIELDS = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition']);
export const INVALID_JSON = 'This policy contains invalid Json';
export const SYNTAX = 'Syntax errors in policy.';

export function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function has(object: Json, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/** A string, or a list of strings (possibly empty). */
export function isStringOrList(value: unknown): boolean {
  return typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
}

export function list(value: unknown): string[] {
  return typeof value === 'string' ? [value] : Array.isArray(value) ? (value as string[]) : [];
}

/** The statements of a document: Statement as one object or a list. */
export function statementList(statement: unknown): unknown[] {
  return Array.isArray(statement) ? statement : [statement];
}

function isScalar(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/**
 * The shape of a Condition element: operator → { key → value or list of values }. An operator
 * IAM does not know is refused unless its block is empty. Returns the first unknown operator
 * name with a non-empty block as `unknown`, or `shape: false` for a wrong shape.
 */
export function conditionShape(condition: unknown): { shape: boolean; unknown?: string } {
  if (!isObject(condition)) return { shape: false };
  for (const [name, block] of Object.entries(condition)) {
    if (!isObject(block)) return { shape: false };
    for (const value of Object.values(block)) {
      if (!(isScalar(value) || (Array.isArray(value) && value.every(isScalar)))) return { shape: false };
    }
    if (!parseOperator(name) && Object.keys(block).length > 0) return { shape: true, unknown: name };
  }
  return { shape: true };
}

/** `"*"` or an object whose values are strings or lists of strings. */
export function principalShape(principal: unknown): boolean {
  if (principal === '*') return true;
  if (!isObject(principal)) return false;
  return Object.values(principal).every(isStringOrList);
}

const PRINCIPAL_TYPES = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);
const AWS_PRINCIPAL = new RegExp(
  '^(\\*|\\d{12}|arn:aws(-[a-z]+)*:iam::\\d{12}:(root|user/.+|role/.+)|arn:aws(-[a-z]+)*:sts::\\d{12}:(assumed-role/[^/]+/.+|federated-user/.+))$',
);
const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9-]*(\.[a-z0-9-]+)+$/i;

/**
 * The principal values IAM cannot resolve, with its message
 * (`Invalid principal in policy: "AWS":"arn:aws:iam::111122223333:role/Missing"`). Kiln checks
 * the form only: whether a named user or role exists is for the caller, who has the store.
 * A wildcard inside an ARN is refused: only a lone `*` may stand for everyone.
 */
export function principalProblem(principal: unknown): string | undefined {
  if (principal === '*' || !isObject(principal)) return undefined;
  let count = 0;
  for (const [type, value] of Object.entries(principal)) {
    for (const item of list(value)) {
      count++;
      if (!PRINCIPAL_TYPES.has(type) || !principalValueOk(type, item)) {
        return `Invalid principal in policy: "${type.toUpperCase()}":"${item}"`;
      }
    }
  }
  // Recorded against AWS (an empty principal list): the error of the underlying policy library.
  if (count === 0) return 'Invalid principal in policy: com.amazon.balsa.error.InvalidPolicyException: The passed in policy has a statement with no principals!';
  return undefined;
}

function principalValueOk(type: string, value: string): boolean {
  switch (type) {
    case 'AWS': return AWS_PRINCIPAL.test(value) && (value === '*' || !value.includes('*'));
    case 'Service': return SERVICE_PRINCIPAL.test(value);
    case 'Federated': return value !== '' && !value.includes('*');
    default: return value !== '';
  }
}
