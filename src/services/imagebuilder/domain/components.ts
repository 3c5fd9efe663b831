/** How Image Builder keeps a component build, finds it by ARN, and shows it. */
import { AwsError } from '../../../kernel/errors.js';
import type { Component, ComponentSummary, ComponentVersion } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { arnName, ibScope } from './scope.js';
import { buildSortKey, checkWildcardVersion, matchesWildcard, versionSortKey } from './versions.js';

export const COMPONENTS = 'ib.components';

export interface ComponentRecord {
  arn: string;
  name: string;
  version: string;
  build: number;
  description?: string;
  changeDescription?: string;
  type: 'BUILD' | 'TEST';
  platform: string;
  supportedOsVersions?: string[];
  owner: string;
  data?: string;
  uri?: string;
  kmsKeyId?: string;
  dateCreated: string;
  tags: Record<string, string>;
}

/** `<arn name>/<version sort key>/<build sort key>`: a name's versions and builds sort in order. */
export function componentKey(name: string, version: string, build?: number): string {
  const base = `${arnName(name)}/${versionSortKey(version)}/`;
  return build === undefined ? base : base + buildSortKey(build);
}

/** The group of a record key: its name and version, without the build. */
export function versionGroupOf(key: string): string {
  return key.slice(0, key.lastIndexOf('/') + 1);
}

export interface ComponentArn {
  region: string;
  owner: string;
  name: string;
  version: string;
  build?: number;
}

const COMPONENT_ARN = /^arn:aws[^:]*:imagebuilder:([^:]+):([^:]+):component\/([a-z0-9-_]+)\/((?:[0-9]+|x)\.(?:[0-9]+|x)\.(?:[0-9]+|x))(?:\/([0-9]+))?$/;

/** Splits an ARN the model's pattern has already accepted. */
export function parseComponentArn(arn: string): ComponentArn {
  const m = COMPONENT_ARN.exec(arn);
  if (!m) throw new AwsError('InvalidParameterValueException', `The value supplied for parameter 'componentArn' is not valid. ${arn} is not a component version or build version ARN.`);
  return { region: m[1], owner: m[2], name: m[3], version: m[4], build: m[5] === undefined ? undefined : Number(m[5]) };
}

export function notFound(arn: string): AwsError {
  // Kiln's wording; AWS's text for a missing component is not documented.
  return new AwsError('ResourceNotFoundException', `The resource ARN '${arn}' does not exist.`);
}

/** The builds of one component version, oldest first. */
export async function buildsOf(ctx: HandlerContext, name: string, version: string): Promise<ComponentRecord[]> {
  const records = await ctx.tx.list<ComponentRecord>(COMPONENTS, ibScope(ctx.scope), { prefix: componentKey(name, version) });
  return records.map((r) => r.value);
}

/** The build an ARN names: that exact build, or the newest build of a version ARN (whose nodes may be `x`). */
export async function findComponent(ctx: HandlerContext, arn: string): Promise<ComponentRecord> {
  const parsed = parseComponentArn(arn);
  checkWildcardVersion(parsed.version, 'componentBuildVersionArn');
  if (parsed.region !== ctx.scope.region || parsed.owner !== ctx.scope.account) throw notFound(arn);
  if (parsed.build !== undefined) {
    const record = await ctx.tx.get<ComponentRecord>(COMPONENTS, ibScope(ctx.scope), componentKey(parsed.name, parsed.version, parsed.build));
    if (!record) throw notFound(arn);
    return record;
  }
  const builds = parsed.version.includes('x')
    ? (await ctx.tx.list<ComponentRecord>(COMPONENTS, ibScope(ctx.scope), { prefix: `${parsed.name}/` })).map((r) => r.value).filter((c) => matchesWildcard(c.version, parsed.version))
    : await buildsOf(ctx, parsed.name, parsed.version);
  if (builds.length === 0) throw notFound(arn);
  return builds[builds.length - 1];
}

export function versionArn(record: ComponentRecord): string {
  return record.arn.slice(0, record.arn.lastIndexOf('/'));
}

export function toComponent(record: ComponentRecord): Component {
  return {
    arn: record.arn, name: record.name, version: record.version, description: record.description,
    changeDescription: record.changeDescription, type: record.type, platform: record.platform as Component['platform'],
    supportedOsVersions: record.supportedOsVersions, state: { status: 'ACTIVE' }, owner: record.owner,
    data: record.data, kmsKeyId: record.kmsKeyId, encrypted: true, dateCreated: record.dateCreated, tags: record.tags,
  };
}

export function toComponentVersion(record: ComponentRecord): ComponentVersion {
  return {
    arn: versionArn(record), name: record.name, version: record.version, description: record.description,
    platform: record.platform as ComponentVersion['platform'], supportedOsVersions: record.supportedOsVersions,
    type: record.type, owner: record.owner, dateCreated: record.dateCreated,
  };
}

export function toComponentSummary(record: ComponentRecord): ComponentSummary {
  return {
    arn: record.arn, name: record.name, version: record.version, platform: record.platform as ComponentSummary['platform'],
    supportedOsVersions: record.supportedOsVersions, state: { status: 'ACTIVE' }, type: record.type, owner: record.owner,
    description: record.description, changeDescription: record.changeDescription, dateCreated: record.dateCreated, tags: record.tags,
  };
}
