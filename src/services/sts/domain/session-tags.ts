/**
 * Session tags (IAM User Guide, "Passing session tags in AWS STS"):
 * - a session's principal tags are its role's IAM tags, overridden (regardless of key case) by
 *   the session tags;
 * - session tags are the tags passed to AssumeRole plus the transitive tags inherited from the
 *   calling session in a role chain; transitive keys stay transitive down the chain;
 * - a request may not pass a tag whose key an inherited transitive tag already has ("If you try
 *   to pass the Heart = 3 session tag, the operation will fail").
 *
 * The exact error texts of the failures below are not documented; the wording is Kiln's
 * (INFERRED), the code is STS's ValidationError.
 */
import type { RoleSession } from '../../../kernel/scope.js';
import { validationError } from './errors.js';

export interface TagLike {
  Key: string;
  Value: string;
}

export interface SessionTags {
  /** Key → value, inherited transitive tags first, then the request's. */
  tags: Record<string, string>;
  transitiveTagKeys: string[];
}

const lower = (key: string) => key.toLowerCase();

/** The tags and transitive keys a new session inherits from the calling session (none outside a chain). */
export function inheritedTransitiveTags(caller: RoleSession | undefined): SessionTags {
  const tags: Record<string, string> = {};
  const keys = caller?.transitiveTagKeys ?? [];
  const transitive = new Set(keys.map(lower));
  for (const [key, value] of Object.entries(caller?.tags ?? {})) if (transitive.has(lower(key))) tags[key] = value;
  return { tags, transitiveTagKeys: [...keys] };
}

/** Checks the request's Tags and TransitiveTagKeys against each other and the chain, and merges them. */
export function sessionTagsFor(requestTags: TagLike[], requestTransitive: string[], inherited: SessionTags): SessionTags {
  const seen = new Set<string>();
  for (const tag of requestTags) {
    const key = lower(tag.Key);
    if (seen.has(key)) throw validationError('Duplicate tag keys found. Please note that Tag keys are case insensitive.');
    if (key.startsWith('aws:')) throw validationError(`The session tag key ${tag.Key} is not valid: tag keys cannot start with 'aws:'.`);
    seen.add(key);
  }
  const inheritedKeys = new Set(inherited.transitiveTagKeys.map(lower));
  for (const tag of requestTags) {
    if (inheritedKeys.has(lower(tag.Key))) {
      throw validationError(`The session tag ${tag.Key} cannot be set: the calling session passes it on as a transitive tag.`);
    }
  }
  const transitive = [...inherited.transitiveTagKeys];
  const transitiveSeen = new Set(inheritedKeys);
  for (const key of requestTransitive) {
    if (!seen.has(lower(key))) throw validationError(`The transitive tag key ${key} is not among the session tags of the request.`);
    if (!transitiveSeen.has(lower(key))) {
      transitiveSeen.add(lower(key));
      transitive.push(key);
    }
  }
  const tags = { ...inherited.tags };
  for (const tag of requestTags) tags[tag.Key] = tag.Value;
  return { tags, transitiveTagKeys: transitive };
}

/** A session's principal tags (`aws:PrincipalTag/*`): the role's IAM tags, overridden by session tags regardless of key case. */
export function sessionPrincipalTags(roleTags: readonly TagLike[], sessionTags: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const overridden = new Set(Object.keys(sessionTags ?? {}).map(lower));
  for (const tag of roleTags) if (!overridden.has(lower(tag.Key))) out[tag.Key] = tag.Value;
  return { ...out, ...sessionTags };
}
