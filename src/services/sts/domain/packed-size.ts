/**
 * PackedPolicySize: how much of the session token's room the session policies and session tags
 * take, as a percentage (AWS "packs" them into the token in a compressed binary form whose
 * budget it does not publish).
 *
 * What is documented: the plaintext of the inline and managed session policies together may not
 * exceed 2,048 characters, and the two failure messages (AWS re:Post "How can I avoid getting a
 * PackedPolicyTooLarge error"):
 *   `Packed policy consumes n% of allotted space, please use smaller policy.`
 *   `Packed size of session tags consumes n% of allotted space.`
 * Kiln's measure (INFERRED): policies count their whitespace-free text plus the ARNs against the
 * 2,048-character plaintext limit; tags count `key` + `value` characters against 1,024
 * characters. Small sessions land in the single or low double digits, as on AWS.
 */
import { AwsError } from '../../../kernel/errors.js';

const POLICY_PLAINTEXT_LIMIT = 2048;
const TAG_BUDGET = 1024;

export function policyPercent(policy: string | undefined, policyArns: readonly string[]): number {
  const plain = (policy ?? '').replace(/\s/g, '').length + policyArns.reduce((sum, arn) => sum + arn.length, 0);
  return plain === 0 ? 0 : Math.ceil((plain * 100) / POLICY_PLAINTEXT_LIMIT);
}

export function tagsPercent(tags: Record<string, string>): number {
  const size = Object.entries(tags).reduce((sum, [key, value]) => sum + key.length + value.length, 0);
  return size === 0 ? 0 : Math.ceil((size * 100) / TAG_BUDGET);
}

/**
 * Throws PackedPolicyTooLarge when either part is over its budget; otherwise returns the
 * PackedPolicySize to report (both parts combined), or undefined when the request passed neither
 * session policies nor session tags (AWS leaves the member out then).
 */
export function packedPolicySize(policy: string | undefined, policyArns: readonly string[], tags: Record<string, string>, passed: boolean): number | undefined {
  const policies = policyPercent(policy, policyArns);
  if (policies > 100) throw new AwsError('PackedPolicyTooLarge', `Packed policy consumes ${policies}% of allotted space, please use smaller policy.`, 400);
  const tagPart = tagsPercent(tags);
  if (tagPart > 100) throw new AwsError('PackedPolicyTooLarge', `Packed size of session tags consumes ${tagPart}% of allotted space.`, 400);
  return passed ? policies + tagPart : undefined;
}
