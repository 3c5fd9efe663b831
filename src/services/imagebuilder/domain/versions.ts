/** Semantic versions `major.minor.patch` (each 0 to 2^30-1) and the build number Image Builder adds. */
import { AwsError } from '../../../kernel/errors.js';

export const MAX_VERSION_NODE = 2 ** 30 - 1;

export type SemVer = [number, number, number];

export function parseSemanticVersion(text: string): SemVer {
  const nodes = text.split('.').map(Number) as SemVer;
  if (nodes.some((n) => n > MAX_VERSION_NODE)) {
    throw new AwsError('InvalidVersionNumberException', `The semantic version '${text}' is not valid. Each node of a semantic version must be an integer from 0 to ${MAX_VERSION_NODE}.`);
  }
  return nodes;
}

/** A fixed-width form that sorts like the version: `0000000001.0000000000.0000000012`. */
export function versionSortKey(version: SemVer | string): string {
  const nodes = typeof version === 'string' ? version.split('.').map(Number) : version;
  return nodes.map((n) => String(n).padStart(10, '0')).join('.');
}

export function buildSortKey(build: number): string {
  return String(build).padStart(10, '0');
}

/** Whether `version` matches a filter whose nodes may be `x` ("any"). */
export function matchesWildcard(version: string, filter: string): boolean {
  const v = version.split('.');
  return filter.split('.').every((node, i) => node === 'x' || node === v[i]);
}

/** After an `x` node every node to its right must be `x` too: `1.x.x` is a filter, `x.2.x` and `1.x.8` are errors. */
export function checkWildcardVersion(version: string, parameter: string): void {
  if (/x\.[0-9]/.test(version)) {
    throw new AwsError('InvalidParameterValueException', `The value supplied for parameter '${parameter}' is not valid. The semantic version '${version}' is not valid: after a wildcard node 'x', every following node must also be 'x'.`);
  }
}
