import type { Scope } from '../../../kernel/scope.js';

/** Image Builder state belongs to an account and a region. */
export function ibScope(scope: Scope): string {
  return `${scope.account}/${scope.region}`;
}

export function ibArn(scope: Scope, resource: string): string {
  return `arn:${scope.partition}:imagebuilder:${scope.region}:${scope.account}:${resource}`;
}

/** ARNs use the name lower-cased, with spaces and underscores as hyphens; `name` keeps it as given. */
export function arnName(name: string): string {
  return name.toLowerCase().replace(/[ _]/g, '-');
}
