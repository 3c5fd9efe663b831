/**
 * The catalogue of service-linked roles (data/service-linked-roles.json): for each service
 * principal, the role name AWS gives it, whether a custom suffix is allowed, its managed policies
 * and description.
 */
import { readFileSync } from 'node:fs';
import { codeDataPath } from '../../../kernel/paths.js';

export interface ServiceLinkedRoleSpec {
  servicePrincipal: string;
  roleName: string;
  customSuffixAllowed: boolean;
  policyArns: string[];
  description?: string;
}

let catalogue: Map<string, ServiceLinkedRoleSpec> | undefined;

function load(): Map<string, ServiceLinkedRoleSpec> {
  const entries: ServiceLinkedRoleSpec[] = JSON.parse(readFileSync(codeDataPath('services', 'iam', 'data', 'service-linked-roles.json'), 'utf8'));
  return new Map(entries.map((entry) => [entry.servicePrincipal, entry]));
}

export function serviceLinkedRoleSpec(servicePrincipal: string): ServiceLinkedRoleSpec | undefined {
  catalogue ??= load();
  return catalogue.get(servicePrincipal);
}

export function catalogueSize(): number {
  catalogue ??= load();
  return catalogue.size;
}

/** `/aws-service-role/<principal>/` → the principal; undefined for any other path. */
export function servicePrincipalOfPath(path: string): string | undefined {
  const m = /^\/aws-service-role\/([^/]+)\/$/.exec(path);
  return m?.[1];
}

/** The trust policy AWS writes for a service-linked role: the service principal alone, as plain strings. */
export function serviceTrustPolicy(servicePrincipal: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: servicePrincipal }, Action: 'sts:AssumeRole' }],
  });
}
