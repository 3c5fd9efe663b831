/** IAM tags: at most 50 on an entity, keys unique regardless of case. */
import { AwsError } from '../../../kernel/errors.js';
import type { Tag } from '../../../generated/iam.js';

export const MAX_TAGS = 50;

export function checkNoDuplicateKeys(tags: Tag[]): void {
  const seen = new Set<string>();
  for (const tag of tags) {
    const key = tag.Key.toLowerCase();
    if (seen.has(key)) throw new AwsError('InvalidInput', 'Duplicate tag keys found. Please note that Tag keys are case insensitive.');
    seen.add(key);
  }
}

/** Adds or overwrites tags (a key that differs only in case replaces the existing one). `quota` names the entity's limit in the error. */
export function mergeTags(existing: Tag[], added: Tag[], quota: 'TagsPerRole' | 'TagsPerUser' | 'TagsPerInstanceProfile' | 'TagsPerPolicy' = 'TagsPerRole'): Tag[] {
  checkNoDuplicateKeys(added);
  const merged = existing.filter((tag) => !added.some((a) => a.Key.toLowerCase() === tag.Key.toLowerCase()));
  merged.push(...added);
  if (merged.length > MAX_TAGS) {
    throw new AwsError('LimitExceeded', `Cannot exceed quota for ${quota}: ${MAX_TAGS}.`);
  }
  return merged;
}

export function removeTags(existing: Tag[], keys: string[]): Tag[] {
  const removed = new Set(keys.map((key) => key.toLowerCase()));
  return existing.filter((tag) => !removed.has(tag.Key.toLowerCase()));
}
