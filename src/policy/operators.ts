/**
 * Condition operator names, split into their parts: an optional set qualifier
 * (`ForAnyValue:` / `ForAllValues:`), the base operator, and an optional `IfExists` suffix.
 * IAM User Guide, "IAM JSON policy elements: Condition operators" and "Multivalued context keys".
 */

export type OperatorFamily = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'Ip' | 'Arn' | 'Null';

/** How one base operator compares a request value with a policy value. */
export type Comparison =
  | 'equals' | 'equalsIgnoreCase' | 'like'
  | 'lt' | 'lte' | 'gt' | 'gte'
  | 'ip' | 'null';

export interface BaseOperator {
  family: OperatorFamily;
  comparison: Comparison;
  /** `...Not...` operators: true when no policy value matches (and when the key is missing). */
  negated: boolean;
}

const BASE_OPERATORS: Record<string, BaseOperator> = {
  StringEquals: { family: 'String', comparison: 'equals', negated: false },
  StringNotEquals: { family: 'String', comparison: 'equals', negated: true },
  StringEqualsIgnoreCase: { family: 'String', comparison: 'equalsIgnoreCase', negated: false },
  StringNotEqualsIgnoreCase: { family: 'String', comparison: 'equalsIgnoreCase', negated: true },
  StringLike: { family: 'String', comparison: 'like', negated: false },
  StringNotLike: { family: 'String', comparison: 'like', negated: true },
  NumericEquals: { family: 'Numeric', comparison: 'equals', negated: false },
  NumericNotEquals: { family: 'Numeric', comparison: 'equals', negated: true },
  NumericLessThan: { family: 'Numeric', comparison: 'lt', negated: false },
  NumericLessThanEquals: { family: 'Numeric', comparison: 'lte', negated: false },
  NumericGreaterThan: { family: 'Numeric', comparison: 'gt', negated: false },
  NumericGreaterThanEquals: { family: 'Numeric', comparison: 'gte', negated: false },
  DateEquals: { family: 'Date', comparison: 'equals', negated: false },
  DateNotEquals: { family: 'Date', comparison: 'equals', negated: true },
  DateLessThan: { family: 'Date', comparison: 'lt', negated: false },
  DateLessThanEquals: { family: 'Date', comparison: 'lte', negated: false },
  DateGreaterThan: { family: 'Date', comparison: 'gt', negated: false },
  DateGreaterThanEquals: { family: 'Date', comparison: 'gte', negated: false },
  Bool: { family: 'Bool', comparison: 'equals', negated: false },
  BinaryEquals: { family: 'Binary', comparison: 'equals', negated: false },
  IpAddress: { family: 'Ip', comparison: 'ip', negated: false },
  NotIpAddress: { family: 'Ip', comparison: 'ip', negated: true },
  // ArnEquals and ArnLike behave the same: each of the six ARN segments is matched with wildcards.
  ArnEquals: { family: 'Arn', comparison: 'like', negated: false },
  ArnLike: { family: 'Arn', comparison: 'like', negated: false },
  ArnNotEquals: { family: 'Arn', comparison: 'like', negated: true },
  ArnNotLike: { family: 'Arn', comparison: 'like', negated: true },
  Null: { family: 'Null', comparison: 'null', negated: false },
};

export interface ParsedOperator extends BaseOperator {
  /** The name as written in the policy. */
  name: string;
  set: 'ForAnyValue' | 'ForAllValues' | undefined;
  ifExists: boolean;
}

const cache = new Map<string, ParsedOperator | null>();

/** Parses an operator name; undefined for names IAM does not know. Names are case-sensitive. */
export function parseOperator(name: string): ParsedOperator | undefined {
  const hit = cache.get(name);
  if (hit !== undefined) return hit ?? undefined;
  const parsed = parseUncached(name);
  if (cache.size < 1000) cache.set(name, parsed ?? null);
  return parsed;
}

function parseUncached(name: string): ParsedOperator | undefined {
  let rest = name;
  let set: ParsedOperator['set'];
  if (rest.startsWith('ForAnyValue:')) { set = 'ForAnyValue'; rest = rest.slice('ForAnyValue:'.length); }
  else if (rest.startsWith('ForAllValues:')) { set = 'ForAllValues'; rest = rest.slice('ForAllValues:'.length); }
  let ifExists = false;
  if (rest.endsWith('IfExists')) { ifExists = true; rest = rest.slice(0, -'IfExists'.length); }
  const base = Object.prototype.hasOwnProperty.call(BASE_OPERATORS, rest) ? BASE_OPERATORS[rest] : undefined;
  if (!base) return undefined;
  // "You can add IfExists to the end of any condition operator name except the Null condition."
  if (base.family === 'Null' && (ifExists || set)) return undefined;
  return { ...base, name, set, ifExists };
}
