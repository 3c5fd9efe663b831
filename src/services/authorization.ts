/**
 * The shape of a service's authorization table: for each operation, the resources it acts on
 * and the service-specific condition keys of the request. The server (src/server/authz.ts)
 * evaluates `<signingName>:<Operation>` on every resource before the handler runs.
 *
 * ARCHITECTURE.md planned these declarations beside each handler. Kiln keeps one table per
 * service instead (`src/services/<service>/authorization.ts`) on purpose: the operation files
 * stay about the operation, and the whole authorization surface of a service can be audited in
 * one place.
 */
import type { ConditionValues } from '../policy/types.js';
import type { HandlerContext } from './types.js';

/** One resource an operation acts on. */
export interface ResourceRef {
  /** The ARN policies are matched against. */
  arn: string;
  /**
   * How AWS's AccessDenied message names the resource, when not by its ARN. IAM names existing
   * entities as `role <name>`, `user <name>`, `group <name>` and policies as `policy <arn>`.
   */
  shown?: string;
  /** Condition keys that belong to this resource: `aws:ResourceTag/*`, `iam:ResourceTag/*`, ... */
  values?: ConditionValues;
}

export interface OperationAuthorization<I = any> {
  /** The resources the operation touches; absent: `*`. */
  resources?(input: I, ctx: HandlerContext): Promise<Array<string | ResourceRef>> | Array<string | ResourceRef>;
  /** The service-specific condition keys of the request (aws:RequestTag/*, iam:PolicyARN, ...). */
  conditions?(input: I, ctx: HandlerContext): Promise<ConditionValues> | ConditionValues;
}

/** Operation name → its rule. Operations not listed are evaluated on resource `*` without extra keys. */
export type AuthorizationTable = Record<string, OperationAuthorization>;

/** `aws:RequestTag/<key>` for each tag and `aws:TagKeys`, the keys tag-on-create and tag operations carry. */
export function requestTagValues(tags: Array<{ Key: string; Value: string }> | Record<string, string> | undefined): ConditionValues {
  if (tags === undefined) return {};
  const pairs = Array.isArray(tags) ? tags.map((t) => [t.Key, t.Value] as const) : Object.entries(tags);
  const out: ConditionValues = { 'aws:TagKeys': pairs.map(([k]) => k) };
  for (const [key, value] of pairs) out[`aws:RequestTag/${key}`] = value;
  return out;
}

/** `<prefix>/<key>` for each tag of a resource (aws:ResourceTag, iam:ResourceTag, ...). */
export function tagValues(prefix: string, tags: Array<{ Key: string; Value: string }> | Record<string, string>): ConditionValues {
  const out: ConditionValues = {};
  const pairs = Array.isArray(tags) ? tags.map((t) => [t.Key, t.Value] as const) : Object.entries(tags);
  for (const [key, value] of pairs) out[`${prefix}/${key}`] = value;
  return out;
}
