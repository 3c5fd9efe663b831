/**
 * The encoded authorization message of a denied request, as STS DecodeAuthorizationMessage
 * decodes it. Kiln logs one with every denial (and every would-be denial in `log` mode);
 * `sts decode-authorization-message --encoded-message <text>` turns it back into the JSON AWS
 * documents: allowed, explicitDeny, matchedStatements, failures, and the request's context
 * (principal, action, resource, condition keys with their values), each list as `{"items": [...]}`
 * (AWS CLI example of decode-authorization-message).
 *
 * Encoding: the JSON, deflated, followed by the first 16 bytes of an HMAC-SHA256 over it, all
 * base64url. The HMAC makes only messages Kiln itself wrote decode; anything else (a truncated
 * copy, a message from AWS) decodes to undefined. The key is fixed, so a message logged before a
 * restart or by another Kiln node sharing the store still decodes; it guards against garbage
 * and tampering, not against a determined forger, which an emulator need not.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { ConditionValues, Decision, PolicySource } from './types.js';

const KEY = 'kiln/authorization-message/v1';
const TAG_BYTES = 16;
/** STS's EncodedMessage is at most 10,240 characters (model constraint). */
const MAX_ENCODED = 10240;

type Items<T> = { items: T[] };
interface Value { value: string }

export interface ConditionEntry {
  key: string;
  values: Items<Value>;
}

export interface StatementDetail {
  statementId: string;
  effect: 'ALLOW' | 'DENY';
  /** Kiln's own addition: which policy the statement is in (`arn:...:policy/P`, `user/alice/inline/P`, ...). */
  sourcePolicyId: string;
  /** Kiln's own addition: identity, boundary, session or resource. */
  sourcePolicyType: string;
  actions: Items<Value>;
  resources: Items<Value>;
  conditions: Items<ConditionEntry>;
}

export interface AuthorizationDetails {
  allowed: boolean;
  explicitDeny: boolean;
  matchedStatements: Items<StatementDetail>;
  failures: Items<{ reason: string }>;
  context: {
    principal: { id: string; name?: string; arn: string };
    action: string;
    resource: string;
    conditions: Items<ConditionEntry>;
  };
}

export interface DescribeInput {
  principal: { id: string; name?: string; arn: string };
  action: string;
  resource: string;
  values: ConditionValues;
  decision: Decision;
  /** The policies the decision was made from, to describe its statements. */
  policies: PolicySource[];
}

const items = <T>(list: T[]): Items<T> => ({ items: list });
const valueItems = (value: unknown): Items<Value> =>
  items((Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) => ({ value: String(v) })));

/** The statement of a policy text at a position, as AWS's decoded message lists it. */
function statementDetail(policy: PolicySource | undefined, index: number, sid: string | undefined, effect: 'Allow' | 'Deny', source: string): StatementDetail {
  let statement: Record<string, unknown> = {};
  try {
    const doc = JSON.parse(policy?.document ?? '{}') as { Statement?: unknown };
    const list = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
    statement = (list[index] ?? {}) as Record<string, unknown>;
  } catch {
    // A stored document is valid JSON; nothing more to show otherwise.
  }
  const conditions: ConditionEntry[] = [];
  const condition = statement.Condition;
  if (condition && typeof condition === 'object') {
    for (const [operator, block] of Object.entries(condition as Record<string, unknown>)) {
      if (!block || typeof block !== 'object') continue;
      for (const [key, value] of Object.entries(block as Record<string, unknown>)) conditions.push({ key: `${operator}:${key}`, values: valueItems(value) });
    }
  }
  return {
    statementId: sid ?? String(index),
    effect: effect === 'Allow' ? 'ALLOW' : 'DENY',
    sourcePolicyId: policy?.id ?? '',
    sourcePolicyType: source,
    actions: valueItems(statement.Action ?? statement.NotAction),
    resources: valueItems(statement.Resource ?? statement.NotResource ?? '*'),
    conditions: items(conditions),
  };
}

/** What DecodeAuthorizationMessage shows about one decision. */
export function describeDecision(input: DescribeInput): AuthorizationDetails {
  const { decision } = input;
  const byId = new Map(input.policies.map((p) => [p.id, p]));
  const conditions: ConditionEntry[] = [];
  for (const [key, value] of Object.entries(input.values)) if (value !== undefined) conditions.push({ key, values: valueItems(value) });
  return {
    allowed: decision.decision === 'allowed',
    explicitDeny: decision.decision === 'explicitDeny',
    matchedStatements: items(decision.matchedStatements.map((m) => statementDetail(byId.get(m.policyId), m.index, m.sid, m.effect, m.source))),
    failures: items(decision.decision === 'implicitDeny' && decision.reason ? [{ reason: decision.reason }] : []),
    context: { principal: input.principal, action: input.action, resource: input.resource, conditions: items(conditions) },
  };
}

function tag(payload: Buffer): Buffer {
  return createHmac('sha256', KEY).update(payload).digest().subarray(0, TAG_BYTES);
}

function encode(details: AuthorizationDetails): string {
  const payload = deflateRawSync(Buffer.from(JSON.stringify(details), 'utf8'));
  return Buffer.concat([payload, tag(payload)]).toString('base64url');
}

/** The encoded form of a decision's details, at most 10,240 characters (condition values are dropped first, then statement details). */
export function encodeAuthorizationMessage(details: AuthorizationDetails): string {
  let text = encode(details);
  if (text.length <= MAX_ENCODED) return text;
  const shorter: AuthorizationDetails = { ...details, context: { ...details.context, conditions: items([]) } };
  text = encode(shorter);
  if (text.length <= MAX_ENCODED) return text;
  return encode({ ...shorter, matchedStatements: items([]) });
}

/** The details of a message Kiln encoded, or undefined for any other text. */
export function decodeAuthorizationMessage(text: string): AuthorizationDetails | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  const raw = Buffer.from(text, 'base64url');
  if (raw.length <= TAG_BYTES || raw.toString('base64url') !== text) return undefined;
  const payload = raw.subarray(0, raw.length - TAG_BYTES);
  if (!timingSafeEqual(raw.subarray(raw.length - TAG_BYTES), tag(payload))) return undefined;
  try {
    return JSON.parse(inflateRawSync(payload).toString('utf8')) as AuthorizationDetails;
  } catch {
    return undefined;
  }
}
