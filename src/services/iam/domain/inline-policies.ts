/**
 * Inline policies, shared by the user, group and role variants of Put/Get/Delete/List*Policy.
 * An entity keeps its inline policies as name → document (exactly as given; the protocol layer
 * URL-encodes documents on the way out).
 *
 * Names: IAM treats the names in an account case-insensitively everywhere else; for inline
 * policy names AWS does not document it, so Kiln assumes the same rule (a name that differs
 * only in case finds, replaces or deletes the existing policy, which keeps its first spelling).
 */
import { AwsError } from '../../../kernel/errors.js';
import { checkPolicyGrammar } from '../../../policy/grammar.js';
import type { Page } from './paging.js';
import { pageArray } from './array-paging.js';

export type InlinePolicyOwner = 'user' | 'group' | 'role';

/**
 * The aggregate size of all inline policies of one entity, in non-whitespace characters
 * (IAM User Guide, "IAM and AWS STS quotas": IAM does not count white space).
 */
export const INLINE_POLICY_SIZE_LIMITS: Record<InlinePolicyOwner, number> = { user: 2048, group: 5120, role: 10240 };

export interface InlinePolicy {
  PolicyName: string;
  PolicyDocument: string;
}

function policySize(document: string): number {
  return document.replace(/\s/g, '').length;
}

/** The stored spelling of a policy name, found regardless of case. */
export function findInlinePolicyName(policies: Record<string, string>, policyName: string): string | undefined {
  if (Object.hasOwn(policies, policyName)) return policyName;
  const wanted = policyName.toLowerCase();
  return Object.keys(policies).find((name) => name.toLowerCase() === wanted);
}

function notFound(owner: InlinePolicyOwner, policyName: string): AwsError {
  return new AwsError('NoSuchEntity', `The ${owner} policy with name ${policyName} cannot be found.`);
}

/**
 * Adds or replaces an inline policy in `policies` (mutating it), after the grammar check and the
 * aggregate size quota. Throws, changing nothing, when either fails.
 */
export function putInlinePolicy(
  owner: InlinePolicyOwner, ownerName: string, policies: Record<string, string>, policyName: string, document: string,
): void {
  const problem = checkPolicyGrammar(document, 'identity');
  if (problem) throw new AwsError('MalformedPolicyDocument', problem);
  const stored = findInlinePolicyName(policies, policyName) ?? policyName;
  let total = policySize(document);
  for (const [name, existing] of Object.entries(policies)) if (name !== stored) total += policySize(existing);
  const limit = INLINE_POLICY_SIZE_LIMITS[owner];
  if (total > limit) {
    // AWS: "Maximum policy size of 10240 bytes exceeded for role <name>" (seen for roles and users;
    // the group wording follows the same pattern).
    throw new AwsError('LimitExceeded', `Maximum policy size of ${limit} bytes exceeded for ${owner} ${ownerName}`);
  }
  policies[stored] = document;
}

export function getInlinePolicy(owner: InlinePolicyOwner, policies: Record<string, string>, policyName: string): InlinePolicy {
  const stored = findInlinePolicyName(policies, policyName);
  if (stored === undefined) throw notFound(owner, policyName);
  return { PolicyName: stored, PolicyDocument: policies[stored] };
}

/** Removes an inline policy from `policies` (mutating it); NoSuchEntity when there is none. */
export function deleteInlinePolicy(owner: InlinePolicyOwner, policies: Record<string, string>, policyName: string): void {
  const stored = findInlinePolicyName(policies, policyName);
  if (stored === undefined) throw notFound(owner, policyName);
  delete policies[stored];
}

/** Policy names in alphabetical order (regardless of case), paged with Marker/MaxItems. */
export function listInlinePolicyNames(policies: Record<string, string>, options: { Marker?: string; MaxItems?: number }): Page<string> {
  return pageArray(Object.keys(policies), (name) => name.toLowerCase(), options);
}
