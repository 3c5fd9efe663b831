import { AwsError } from '../../../kernel/errors.js';
import type { ListPoliciesRequest, ListPoliciesResponse } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { allPolicyCounts, policyCounts } from '../domain/attachments.js';
import { listAwsManagedPolicies } from '../domain/aws-managed-policies.js';
import { POLICIES, type PolicyRecord } from '../domain/entities.js';
import { DEFAULT_MAX_ITEMS } from '../domain/paging.js';
import { awsManagedFound, decodeCursor, encodeCursor, toPolicy, type PolicyCounts } from '../domain/policies.js';
import { iamScope } from '../domain/scope.js';

/** Where a policy sorts: by lower-cased name, AWS managed before customer on a tie, then by exact name. */
type SortKey = [lower: string, kind: 0 | 1, name: string];

function compareKeys(a: SortKey, b: SortKey): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  if (a[1] !== b[1]) return a[1] - b[1];
  return a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0;
}

function sortKey(record: PolicyRecord, awsManaged: boolean): SortKey {
  return [record.PolicyName.toLowerCase(), awsManaged ? 0 : 1, record.PolicyName];
}

function decodeSortKey(marker: string): SortKey {
  const value = decodeCursor(marker);
  if (Array.isArray(value) && value.length === 3 && typeof value[0] === 'string' && (value[1] === 0 || value[1] === 1) && typeof value[2] === 'string') {
    return value as SortKey;
  }
  throw new AwsError('InvalidInput', 'Invalid Marker.');
}

const BATCH = 200;

/** Customer managed policies in key (lower-cased name) order, from `from` on (inclusive or not). */
async function* customerPolicies(ctx: HandlerContext, from: string | undefined, inclusive: boolean): AsyncGenerator<PolicyRecord> {
  const scope = iamScope(ctx.scope);
  if (from !== undefined && inclusive) {
    const first = await ctx.tx.get<PolicyRecord>(POLICIES, scope, from);
    if (first) yield first;
  }
  let after = from;
  for (;;) {
    const records = await ctx.tx.list<PolicyRecord>(POLICIES, scope, { after, limit: BATCH });
    for (const record of records) yield record.value;
    if (records.length < BATCH) return;
    after = records[records.length - 1].key;
  }
}

/**
 * AWS managed policies (from data) and customer managed policies (from the store) in one stable
 * order: by name regardless of case, an AWS managed policy before a customer one of the same
 * name. The marker is an opaque cursor (the sort key of the last policy returned).
 *
 * OnlyAttached keeps the policies in use; PolicyUsageFilter says which use counts
 * (PermissionsPolicy: attached; PermissionsBoundary: set as a boundary; absent: either). Without
 * OnlyAttached the usage filter changes nothing, since any managed policy can serve either way.
 */
export async function ListPolicies(input: ListPoliciesRequest, ctx: HandlerContext): Promise<ListPoliciesResponse> {
  const scope = input.Scope ?? 'All';
  const pathPrefix = input.PathPrefix ?? '/';
  const maxItems = input.MaxItems ?? DEFAULT_MAX_ITEMS;
  const cursor = input.Marker !== undefined ? decodeSortKey(input.Marker) : undefined;
  const usage = input.OnlyAttached ? await allPolicyCounts(ctx) : undefined;
  const inUse = (arn: string): boolean => {
    const counts = usage?.get(arn);
    if (!counts) return false;
    if (input.PolicyUsageFilter === 'PermissionsPolicy') return counts.AttachmentCount > 0;
    if (input.PolicyUsageFilter === 'PermissionsBoundary') return counts.PermissionsBoundaryUsageCount > 0;
    return counts.AttachmentCount > 0 || counts.PermissionsBoundaryUsageCount > 0;
  };
  const wanted = (record: PolicyRecord): boolean => record.Path.startsWith(pathPrefix) && (!usage || inUse(record.Arn));

  const awsPolicies = scope === 'Local' ? [] : listAwsManagedPolicies(ctx.scope.partition)
    .map((policy) => awsManagedFound(policy).record)
    .filter((record) => wanted(record) && (!cursor || compareKeys(sortKey(record, true), cursor) > 0));
  let awsIndex = 0;

  const customer = scope === 'AWS' ? undefined
    // After an AWS managed policy, a customer policy of the same lower-cased name still follows.
    : customerPolicies(ctx, cursor?.[0], cursor !== undefined && cursor[1] === 0);
  let nextCustomer: PolicyRecord | undefined;
  const advanceCustomer = async () => {
    nextCustomer = undefined;
    if (!customer) return;
    for (;;) {
      const step = await customer.next();
      if (step.done) return;
      if (wanted(step.value)) {
        nextCustomer = step.value;
        return;
      }
    }
  };
  await advanceCustomer();

  const page: Array<{ record: PolicyRecord; awsManaged: boolean }> = [];
  let truncated = false;
  for (;;) {
    const aws = awsPolicies[awsIndex];
    if (!aws && !nextCustomer) break;
    if (page.length === maxItems) {
      truncated = true;
      break;
    }
    if (aws && (!nextCustomer || compareKeys(sortKey(aws, true), sortKey(nextCustomer, false)) < 0)) {
      page.push({ record: aws, awsManaged: true });
      awsIndex++;
    } else {
      page.push({ record: nextCustomer!, awsManaged: false });
      await advanceCustomer();
    }
  }
  await customer?.return(undefined);

  const policies = [];
  for (const { record } of page) {
    const counts: PolicyCounts = usage?.get(record.Arn) ?? (usage ? { AttachmentCount: 0, PermissionsBoundaryUsageCount: 0 } : await policyCounts(ctx, record.Arn));
    policies.push(toPolicy(record, counts, 'list'));
  }
  const last = page[page.length - 1];
  return {
    Policies: policies,
    IsTruncated: truncated,
    Marker: truncated ? encodeCursor(sortKey(last.record, last.awsManaged)) : undefined,
  };
}
