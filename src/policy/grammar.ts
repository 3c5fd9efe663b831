/**
 * The write-time grammar check for policy documents, with IAM's MalformedPolicyDocument
 * messages. Pure: it returns the problem or undefined, and never changes the document (IAM
 * stores and returns documents exactly as given).
 *
 * Two families, as in IAM: identity-based policies, permissions boundaries and session policies
 * (grammar-identity.ts), and trust / resource-based policies (grammar-trust.ts).
 */
import { checkIdentityGrammar, type IdentityGrammarOptions } from './grammar-identity.js';
import { INVALID_JSON } from './grammar-shared.js';
import { checkTrustGrammar } from './grammar-trust.js';
import type { PolicyKind } from './types.js';

export type { PolicyKind };
export type GrammarOptions = IdentityGrammarOptions;

export function checkPolicyGrammar(text: string, kind: PolicyKind, options: GrammarOptions = {}): string | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return INVALID_JSON;
  }
  if (kind === 'trust' || kind === 'resource') return checkTrustGrammar(doc, kind);
  return checkIdentityGrammar(doc, options);
}
