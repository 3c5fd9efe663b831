/**
 * AWS managed policies (arn:<partition>:iam::aws:policy/...): read-only data shipped with Kiln,
 * one JSON file per policy in data/aws-managed-policies/ (the build copies src/**\/data into
 * dist). The directory is read once, on first use, relative to this module.
 *
 * File format: { PolicyName, Arn, Path, PolicyId, DefaultVersionId, CreateDate, UpdateDate,
 * Description?, Document: object }. Only the default version's document is known, so Kiln
 * serves that one version. ARNs in the files use the `aws` partition; lookups and listings take
 * the request's partition and answer with ARNs (and document ARNs) in that partition.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Partition } from '../../../kernel/arn.js';
import { codeDataPath } from '../../../kernel/paths.js';

export interface AwsManagedPolicy {
  PolicyName: string;
  PolicyId: string;
  /** In the partition it was asked for. */
  Arn: string;
  Path: string;
  DefaultVersionId: string;
  CreateDate: string;
  UpdateDate: string;
  Description?: string;
  /** The default version's document as JSON text (ARNs in it rewritten to the partition). */
  Document: string;
}

interface Loaded {
  /** Sorted by name (case-insensitively, then exactly). */
  sorted: AwsManagedPolicy[];
  /** `<path><name>` → policy, in the aws partition. */
  byResource: Map<string, AwsManagedPolicy>;
}

const DEFAULT_DIR = codeDataPath('services', 'iam', 'data', 'aws-managed-policies');

let loaded: Loaded | undefined;
const perPartition = new Map<Partition, Loaded>();

/** The directory the data is read from. */
export function awsManagedPoliciesDir(): string {
  return DEFAULT_DIR;
}

export function compareNames(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function required(file: string, data: Record<string, unknown>, field: string): string {
  const value = data[field];
  if (typeof value !== 'string' || value.length === 0) {
    throw new Error(`AWS managed policy data ${file}: field ${field} must be a non-empty string`);
  }
  return value;
}

function load(): Loaded {
  if (loaded) return loaded;
  const dir = awsManagedPoliciesDir();
  let files: string[];
  try {
    files = readdirSync(dir).filter((name) => name.endsWith('.json'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') files = [];
    else throw error;
  }
  const policies: AwsManagedPolicy[] = [];
  for (const file of files) {
    let data: Record<string, unknown>;
    try {
      data = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
    } catch (error) {
      // Broken data is a build problem: fail loudly rather than serve a partial catalogue.
      throw new Error(`AWS managed policy data ${file} is not valid JSON: ${(error as Error).message}`);
    }
    const document = data.Document;
    if (!document || typeof document !== 'object') throw new Error(`AWS managed policy data ${file}: Document must be an object`);
    const description = data.Description;
    policies.push({
      PolicyName: required(file, data, 'PolicyName'),
      PolicyId: required(file, data, 'PolicyId'),
      Arn: required(file, data, 'Arn'),
      Path: required(file, data, 'Path'),
      DefaultVersionId: required(file, data, 'DefaultVersionId'),
      CreateDate: new Date(required(file, data, 'CreateDate')).toISOString(),
      UpdateDate: new Date(required(file, data, 'UpdateDate')).toISOString(),
      ...(typeof description === 'string' && description.length > 0 ? { Description: description } : {}),
      Document: JSON.stringify(document),
    });
  }
  policies.sort((a, b) => compareNames(a.PolicyName, b.PolicyName));
  const byResource = new Map<string, AwsManagedPolicy>();
  for (const policy of policies) byResource.set(`${policy.Path}${policy.PolicyName}`, policy);
  loaded = { sorted: policies, byResource };
  return loaded;
}

function inPartition(partition: Partition): Loaded {
  const base = load();
  if (partition === 'aws') return base;
  let result = perPartition.get(partition);
  if (!result) {
    // AWS publishes the same policies in every partition, with the partition's own ARNs.
    const rewrite = (text: string) => text.split('arn:aws:').join(`arn:${partition}:`);
    const sorted = base.sorted.map((policy) => ({ ...policy, Arn: rewrite(policy.Arn), Document: rewrite(policy.Document) }));
    const byResource = new Map<string, AwsManagedPolicy>();
    for (const policy of sorted) byResource.set(`${policy.Path}${policy.PolicyName}`, policy);
    result = { sorted, byResource };
    perPartition.set(partition, result);
  }
  return result;
}

const AWS_POLICY_ARN = /^arn:([^:]+):iam::aws:policy(\/.*)$/;

/**
 * The AWS managed policy with this ARN. When `partition` is given the ARN must be in it (an
 * `arn:aws:` ARN is not found in aws-cn); otherwise the ARN's own partition is used.
 */
export function findAwsManagedPolicy(arn: string, partition?: Partition): AwsManagedPolicy | undefined {
  const match = AWS_POLICY_ARN.exec(arn);
  if (!match) return undefined;
  const arnPartition = match[1] as Partition;
  if (partition !== undefined && arnPartition !== partition) return undefined;
  if (arnPartition !== 'aws' && arnPartition !== 'aws-cn' && arnPartition !== 'aws-us-gov') return undefined;
  return inPartition(arnPartition).byResource.get(match[2]);
}

/** Every AWS managed policy, sorted by name, with ARNs in the partition (default `aws`). */
export function listAwsManagedPolicies(partition: Partition = 'aws'): AwsManagedPolicy[] {
  return inPartition(partition).sorted.slice();
}
