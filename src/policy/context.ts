/**
 * The request as statements see it during one evaluation: condition keys looked up
 * case-insensitively ("condition key names are not case-sensitive", IAM User Guide, Condition
 * element), the global keys derived from the principal, and the bookkeeping of keys a statement
 * asked for that the request did not carry (`missingContextValues`).
 */
import type { RequestContext } from './types.js';

export type KeyValue = string | readonly string[];

const NO_VALUES: RequestContext['values'] = Object.freeze({});

export class EvalContext {
  readonly request: RequestContext;
  /** The action, lower-cased once: actions match case-insensitively. */
  readonly action: string;
  /** Set while matching one statement when a policy variable had no value (the statement then does not apply). */
  unresolved = false;
  private missing: string[] | undefined;
  private missingLower: Set<string> | undefined;

  constructor(request: RequestContext) {
    this.request = request;
    this.action = lower(request.action);
  }

  /**
   * The value of a condition key, undefined when the request does not carry it. `key` is the name
   * as the policy wrote it, `lkey` the same lower-cased. The exact spelling is tried first (the
   * usual case, no allocation); then every request key, compared lower-cased.
   */
  get(key: string, lkey: string): KeyValue | undefined {
    const values = this.request.values ?? NO_VALUES;
    const direct = values[key];
    if (typeof direct === 'string' || Array.isArray(direct)) return direct;
    for (const name in values) {
      if (lower(name) === lkey) {
        const value = values[name];
        if (value !== undefined) return value;
      }
    }
    return this.builtIn(lkey);
  }

  /** Records a key that a statement asked for and the request did not carry (as written in the policy). */
  noteMissing(key: string, lkey: string): void {
    if (!this.missingLower) { this.missingLower = new Set(); this.missing = []; }
    if (this.missingLower.has(lkey)) return;
    this.missingLower.add(lkey);
    this.missing!.push(key);
  }

  missingKeys(): string[] {
    return this.missing ?? [];
  }

  /**
   * Global condition keys that come from the principal and the resource owner (IAM User Guide,
   * "AWS global condition context keys"). Keys the caller passes in `values` take precedence.
   */
  private builtIn(lkey: string): KeyValue | undefined {
    const { principal } = this.request;
    switch (lkey) {
      // aws:username is present only for IAM users.
      case 'aws:username': return principal.type === 'User' ? principal.userName : undefined;
      case 'aws:userid': return principal.userId || undefined;
      // For a role session aws:PrincipalArn is the role's ARN, not the session's.
      case 'aws:principalarn': return principal.type === 'Service' ? undefined : principal.roleArn ?? principal.arn;
      case 'aws:principalaccount': return principal.type === 'Service' ? undefined : principal.account;
      case 'aws:principaltype': return principal.type === 'Service' ? undefined : principal.type;
      case 'aws:principalisawsservice': return principal.type === 'Service' ? 'true' : 'false';
      case 'aws:principalservicename': return principal.type === 'Service' ? principal.arn : undefined;
      case 'aws:resourceaccount': return this.request.resourceAccount || undefined;
      default:
        if (lkey.startsWith('aws:principaltag/') && principal.tags) return tagValue(principal.tags, lkey.slice(17));
        return undefined;
    }
  }
}

/**
 * Lower-cased names, memoized: request keys and actions repeat from request to request, and the
 * same lower-cased string object each time keeps later Map lookups and comparisons cheap.
 */
const lowered = new Map<string, string>();

export function lower(text: string): string {
  let out = lowered.get(text);
  if (out === undefined) {
    out = text.toLowerCase();
    if (lowered.size >= 10_000) lowered.clear();
    lowered.set(text, out);
  }
  return out;
}

/** Tag keys in condition keys are matched without regard to case, like the rest of the key name. */
function tagValue(tags: Record<string, string>, lowerTagKey: string): string | undefined {
  const direct = tags[lowerTagKey];
  if (direct !== undefined) return direct;
  for (const key in tags) if (key.toLowerCase() === lowerTagKey) return tags[key];
  return undefined;
}
