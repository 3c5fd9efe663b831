import type { Scope } from '../../../kernel/scope.js';

/** IAM is global: its state belongs to a partition and account, never a region. */
export function iamScope(scope: Scope): string {
  return `${scope.partition}/${scope.account}`;
}

export function iamArn(scope: Scope, resource: string): string {
  return `arn:${scope.partition}:iam::${scope.account}:${resource}`;
}
