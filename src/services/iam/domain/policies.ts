/**
 * Managed policies, customer (store) and AWS (data) alike: ARN parsing, lookup, the Policy and
 * PolicyVersion shapes, documents, policy tags and in-memory paging.
 *
 * Customer managed policies are records in POLICIES keyed by lower-cased name (names are unique
 * per account whatever the path). AWS managed policies are shown through the same PolicyRecord
 * shape (one version, the default; no tags), flagged `awsManaged`, and cannot be changed.
 */
import { AwsError } from '../../../kernel/errors.js';
import type { Policy, PolicyVersion, Tag } from '../../../generated/iam.js';
import { checkPolicyGrammar } from '../../../policy/grammar.js';
import type { HandlerContext } from '../../types.js';
import { findAwsManagedPolicy, type AwsManagedPolicy } from './aws-managed-policies.js';
import { POLICIES, nameKey, type PolicyRecord, type PolicyVersionRecord } from './entities.js';
import { DEFAULT_MAX_ITEMS, type Page } from './paging.js';
import { iamScope } from './scope.js';

/** Path prefix of the policies AWS reserves for service-linked roles. */
export const SERVICE_ROLE_POLICY_PATH = '/aws-service-role/';
export const MAX_POLICY_VERSIONS = 5;
export const MAX_POLICY_TAGS = 50;
/** Managed policy documents: at most 6,144 characters, whitespace not counted (IAM quotas). */
export const MAX_MANAGED_POLICY_SIZE = 6144;

export interface FoundPolicy {
  awsManaged: boolean;
  record: PolicyRecord;
}

export interface ParsedPolicyArn {
  partition: string;
  /** The account id, or `aws` for AWS managed policies. */
  account: string;
  path: string;
  name: string;
}

/** Anything shaped like an ARN: `arn:partition:service:region:account:resource`. */
export function looksLikeArn(text: string): boolean {
  return /^arn:[^:]+:[^:]+:[^:]*:[^:]*:.+$/.test(text);
}

/** `ARN <text> is not valid.` — AttachRolePolicy answers it as ValidationError, the boundary operations as InvalidInput (LS-SNAP). */
export function invalidArn(arn: string, code: 'ValidationError' | 'InvalidInput' = 'ValidationError'): AwsError {
  return new AwsError(code, `ARN ${arn} is not valid.`, 400);
}

export function assertArnSyntax(arn: string, code: 'ValidationError' | 'InvalidInput' = 'ValidationError'): void {
  if (!looksLikeArn(arn)) throw invalidArn(arn, code);
}

/** Splits `arn:<partition>:iam::<account|aws>:policy<path><name>`. */
export function parsePolicyArn(arn: string): ParsedPolicyArn | undefined {
  const match = /^arn:([^:]+):iam::([^:]+):policy(\/(?:[^/]+\/)*)([^/]+)$/.exec(arn);
  if (!match) return undefined;
  return { partition: match[1], account: match[2], path: match[3], name: match[4] };
}

/** The name and path an ARN of a managed policy carries (for ListAttached*Policies). */
export function policyNameAndPath(arn: string): { name: string; path: string } {
  const parsed = parsePolicyArn(arn);
  if (parsed) return { name: parsed.name, path: parsed.path };
  return { name: arn.slice(arn.lastIndexOf('/') + 1), path: '/' };
}

function awsManagedRecord(policy: AwsManagedPolicy): PolicyRecord {
  return {
    PolicyName: policy.PolicyName,
    PolicyId: policy.PolicyId,
    Arn: policy.Arn,
    Path: policy.Path,
    Description: policy.Description,
    CreateDate: policy.CreateDate,
    UpdateDate: policy.UpdateDate,
    DefaultVersionId: policy.DefaultVersionId,
    // Only the default version is known; it was last written when the policy was last updated.
    Versions: [{ VersionId: policy.DefaultVersionId, Document: policy.Document, CreateDate: policy.UpdateDate }],
    NextVersion: 0,
    Tags: [],
  };
}

export function awsManagedFound(policy: AwsManagedPolicy): FoundPolicy {
  return { awsManaged: true, record: awsManagedRecord(policy) };
}

/**
 * The managed policy an ARN names, in the caller's partition and account (or AWS's), or
 * undefined. Customer policy names match regardless of case, as IAM names do; the path must match.
 */
export async function findPolicy(ctx: HandlerContext, arn: string): Promise<FoundPolicy | undefined> {
  const parsed = parsePolicyArn(arn);
  if (!parsed || parsed.partition !== ctx.scope.partition) return undefined;
  if (parsed.account === 'aws') {
    const policy = findAwsManagedPolicy(arn, ctx.scope.partition);
    return policy ? awsManagedFound(policy) : undefined;
  }
  if (parsed.account !== ctx.scope.account) return undefined;
  const record = await ctx.tx.get<PolicyRecord>(POLICIES, iamScope(ctx.scope), nameKey(parsed.name));
  if (!record || record.Path !== parsed.path) return undefined;
  return { awsManaged: false, record };
}

/** `Policy <arn> was not found.` (GetPolicy, TagPolicy, detach of a policy that is not attached). */
export function policyNotFound(arn: string): AwsError {
  return new AwsError('NoSuchEntity', `Policy ${arn} was not found.`);
}

/** `Policy <arn> version <v> does not exist or is not attachable.` (Get/Delete/SetDefault of a version). */
export function versionNotFound(arn: string, versionId: string): AwsError {
  return new AwsError('NoSuchEntity', `Policy ${arn} version ${versionId} does not exist or is not attachable.`);
}

export async function getPolicyOrThrow(ctx: HandlerContext, arn: string): Promise<FoundPolicy> {
  assertArnSyntax(arn);
  const found = await findPolicy(ctx, arn);
  if (!found) throw policyNotFound(arn);
  return found;
}

/**
 * AWS managed policies belong to AWS, not to the caller's account; changing one is refused like
 * any action on another account's resource. The exact wording AWS uses here was not found; this
 * follows its usual authorization message (INFERRED), HTTP 403.
 */
export function awsManagedDenied(ctx: HandlerContext, action: string, arn: string): AwsError {
  return new AwsError('AccessDenied', `User: ${ctx.scope.principal.arn} is not authorized to perform: iam:${action} on resource: policy ${arn}`, 403);
}

/** A customer managed policy that may be changed, or the error that says why not. */
export async function getCustomerPolicyForChange(ctx: HandlerContext, arn: string, action: string): Promise<PolicyRecord> {
  const found = await getPolicyOrThrow(ctx, arn);
  if (found.awsManaged) throw awsManagedDenied(ctx, action, found.record.Arn);
  return found.record;
}

export async function savePolicy(ctx: HandlerContext, record: PolicyRecord): Promise<void> {
  await ctx.tx.put(POLICIES, iamScope(ctx.scope), nameKey(record.PolicyName), record);
}

/**
 * The write-time check of a managed policy document: the grammar, then what managed policies
 * need beyond inline ones. AWS answers a missing `Version` or `2008-10-17` on CreatePolicy with
 * `Policy document must be version 2012-10-17 or greater.` (LS-SNAP test_iam_policies).
 */
export function checkManagedPolicyDocument(document: string): void {
  const problem = checkPolicyGrammar(document, 'identity');
  if (problem) throw new AwsError('MalformedPolicyDocument', problem);
  const version = (JSON.parse(document) as { Version?: unknown }).Version;
  if (version !== '2012-10-17') throw new AwsError('MalformedPolicyDocument', 'Policy document must be version 2012-10-17 or greater.');
  if (document.replace(/\s/g, '').length > MAX_MANAGED_POLICY_SIZE) {
    throw new AwsError('LimitExceeded', `Cannot exceed quota for PolicySize: ${MAX_MANAGED_POLICY_SIZE}`);
  }
}

export interface PolicyCounts {
  AttachmentCount: number;
  PermissionsBoundaryUsageCount: number;
}

/**
 * The Policy shape. `get` (GetPolicy) carries Description and Tags (an empty list when there are
 * none); `create` (CreatePolicy) carries Tags only when there are some and no Description; `list`
 * (ListPolicies) carries neither — as recorded from AWS (LS-SNAP test_iam_policies).
 */
export function toPolicy(record: PolicyRecord, counts: PolicyCounts, detail: 'get' | 'create' | 'list'): Policy {
  const out: Policy = {
    PolicyName: record.PolicyName,
    PolicyId: record.PolicyId,
    Arn: record.Arn,
    Path: record.Path,
    DefaultVersionId: record.DefaultVersionId,
    AttachmentCount: counts.AttachmentCount,
    PermissionsBoundaryUsageCount: counts.PermissionsBoundaryUsageCount,
    IsAttachable: true,
    CreateDate: new Date(record.CreateDate),
    UpdateDate: new Date(record.UpdateDate),
  };
  if (detail === 'get') {
    if (record.Description !== undefined) out.Description = record.Description;
    out.Tags = record.Tags;
  } else if (detail === 'create' && record.Tags.length > 0) {
    out.Tags = record.Tags;
  }
  return out;
}

export function findVersion(record: PolicyRecord, versionId: string): PolicyVersionRecord | undefined {
  return record.Versions.find((version) => version.VersionId === versionId);
}

export function toPolicyVersion(record: PolicyRecord, version: PolicyVersionRecord, withDocument: boolean): PolicyVersion {
  const out: PolicyVersion = {
    VersionId: version.VersionId,
    IsDefaultVersion: version.VersionId === record.DefaultVersionId,
    CreateDate: new Date(version.CreateDate),
  };
  if (withDocument) out.Document = version.Document;
  return out;
}

export function versionNumber(versionId: string): number {
  return Number.parseInt(versionId.slice(1), 10);
}

// Policy tags, unlike role and user tags, keep keys that differ only in case apart: AWS keeps
// both `a` and `A` on one policy, and its duplicate message has no case note (LS-SNAP).

export function checkPolicyTagKeys(tags: Tag[]): void {
  const seen = new Set<string>();
  for (const tag of tags) {
    if (seen.has(tag.Key)) throw new AwsError('InvalidInput', 'Duplicate tag keys found.');
    seen.add(tag.Key);
  }
}

export function mergePolicyTags(existing: Tag[], added: Tag[]): Tag[] {
  checkPolicyTagKeys(added);
  const merged = existing.map((tag) => added.find((a) => a.Key === tag.Key) ?? tag);
  for (const tag of added) if (!existing.some((e) => e.Key === tag.Key)) merged.push(tag);
  if (merged.length > MAX_POLICY_TAGS) {
    // Same wording as the role quota message, for policies (INFERRED).
    throw new AwsError('LimitExceeded', `Cannot exceed quota for TagsPerPolicy: ${MAX_POLICY_TAGS}.`);
  }
  return merged;
}

export function removePolicyTags(existing: Tag[], keys: string[]): Tag[] {
  const removed = new Set(keys);
  return existing.filter((tag) => !removed.has(tag.Key));
}

// Opaque markers for lists Kiln pages in memory or across several sources: base64url JSON.

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeCursor(marker: string): unknown {
  try {
    const text = Buffer.from(marker, 'base64url').toString('utf8');
    if (marker.length > 0 && Buffer.from(text, 'utf8').toString('base64url') === marker) return JSON.parse(text) as unknown;
  } catch {
    // fall through
  }
  throw new AwsError('InvalidInput', 'Invalid Marker.');
}

/**
 * Pages an in-memory list. With `compare` the items are sorted by key and a page resumes after
 * the last key returned; without, they are in their own order (attachment order) and a page
 * resumes after the last item returned, or at its position if it has gone meanwhile.
 */
export function pageList<T>(
  items: T[], keyOf: (item: T) => string,
  options: { Marker?: string; MaxItems?: number }, compare?: (a: string, b: string) => number,
): Page<T> {
  const maxItems = options.MaxItems ?? DEFAULT_MAX_ITEMS;
  let start = 0;
  if (options.Marker !== undefined) {
    const cursor = decodeCursor(options.Marker) as { k?: unknown; i?: unknown };
    if (!cursor || typeof cursor.k !== 'string' || typeof cursor.i !== 'number') throw new AwsError('InvalidInput', 'Invalid Marker.');
    const last = cursor.k;
    if (compare) {
      start = items.findIndex((item) => compare(keyOf(item), last) > 0);
      if (start < 0) start = items.length;
    } else {
      const at = items.findIndex((item) => keyOf(item) === last);
      start = at >= 0 ? at + 1 : Math.min(Math.max(cursor.i, 0), items.length);
    }
  }
  const slice = items.slice(start, start + maxItems);
  const truncated = start + maxItems < items.length;
  if (!truncated) return { items: slice, IsTruncated: false };
  return { items: slice, IsTruncated: true, Marker: encodeCursor({ k: keyOf(slice[slice.length - 1]), i: start + slice.length - 1 }) };
}

export function binaryCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
