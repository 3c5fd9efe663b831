/**
 * Workflow resources: how Kiln keeps a workflow build (WORKFLOWS, reserved in tagged-resources.ts,
 * keyed `<type>/<arn name>/<version sort key>/<build sort key>`), how an ARN finds one (a build
 * version ARN, or a version ARN whose nodes may be `x`, which names the newest matching build),
 * and the output shapes. ARNs owned by `aws` name Amazon's managed workflows (managed-workflows.ts).
 */
import { AwsError } from '../../../kernel/errors.js';
import type { LatestVersionReferences, Workflow, WorkflowSummary, WorkflowType, WorkflowVersion } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { managedWorkflows } from './managed-workflows.js';
import { arnName, ibScope } from './scope.js';
import { WORKFLOWS, resourceNotFound } from './tagged-resources.js';
import { buildSortKey, checkWildcardVersion, matchesWildcard, versionSortKey } from './versions.js';
import { parameterDetails, type DocumentStep, type ParameterDeclaration } from './workflow-documents.js';

export interface WorkflowRecord {
  arn: string;
  name: string;
  version: string;
  build: number;
  type: WorkflowType;
  description?: string;
  changeDescription?: string;
  /** The account id, or `Amazon` for a managed workflow. */
  owner: string;
  data?: string;
  uri?: string;
  kmsKeyId?: string;
  dateCreated: string;
  tags: Record<string, string>;
  /** Kiln's own: the document's parameters and steps, as checked at create time. */
  parameters: ParameterDeclaration[];
  steps: DocumentStep[];
}

export const typeSegment = (type: WorkflowType): string => type.toLowerCase();

/** `<type>/<arn name>/`, `.../<version>/` or `.../<version>/<build>`. */
export function workflowKey(type: WorkflowType, name: string, version?: string, build?: number): string {
  let key = `${typeSegment(type)}/${arnName(name)}/`;
  if (version !== undefined) key += `${versionSortKey(version)}/`;
  if (build !== undefined) key += buildSortKey(build);
  return key;
}

export const keyOfWorkflow = (r: WorkflowRecord): string => workflowKey(r.type, r.name, r.version, r.build);

export interface WorkflowArn {
  partition: string;
  region: string;
  owner: string;
  type: WorkflowType;
  name: string;
  version: string;
  build?: number;
}

const WORKFLOW_ARN = /^arn:(aws[^:]*):imagebuilder:([^:]+):([^:]+):workflow\/(build|test|distribution)\/([a-z0-9-_]+)\/((?:[0-9]+|x)\.(?:[0-9]+|x)\.(?:[0-9]+|x))(?:\/([0-9]+))?$/;

/** Splits a workflow ARN (the model's patterns have accepted its shape). */
export function parseWorkflowArn(arn: string, parameter: string): WorkflowArn {
  const m = WORKFLOW_ARN.exec(arn);
  if (!m) throw new AwsError('InvalidParameterValueException', `The value supplied for parameter '${parameter}' is not valid. '${arn}' is not a workflow version or build version ARN.`);
  checkWildcardVersion(m[6], parameter);
  return {
    partition: m[1], region: m[2], owner: m[3], type: m[4].toUpperCase() as WorkflowType, name: m[5], version: m[6],
    build: m[7] === undefined ? undefined : Number(m[7]),
  };
}

/** The ARN without its build: `.../workflow/<type>/<name>/<version>`. */
export const versionArnOf = (r: WorkflowRecord): string => r.arn.slice(0, r.arn.lastIndexOf('/'));

/** Every build a parsed ARN may name, oldest version and build first. */
async function candidates(ctx: HandlerContext, arn: WorkflowArn): Promise<WorkflowRecord[]> {
  if (arn.region !== ctx.scope.region || arn.partition !== ctx.scope.partition) return [];
  if (arn.owner === 'aws') return managedWorkflows(ctx.scope).filter((w) => w.type === arn.type && arnName(w.name) === arn.name);
  if (arn.owner !== ctx.scope.account) return [];
  const records = await ctx.tx.list<WorkflowRecord>(WORKFLOWS, ibScope(ctx.scope), { prefix: workflowKey(arn.type, arn.name) });
  return records.map((r) => r.value);
}

/** The builds a workflow ARN matches: one exact build, or every build of the versions it matches. */
export async function matchingWorkflows(ctx: HandlerContext, arn: WorkflowArn): Promise<WorkflowRecord[]> {
  const all = await candidates(ctx, arn);
  return all.filter((w) => matchesWildcard(w.version, arn.version) && (arn.build === undefined || w.build === arn.build));
}

/** The build an ARN names (the newest match of a version ARN), or ResourceNotFoundException. */
export async function findWorkflow(ctx: HandlerContext, arn: string, parameter = 'workflowBuildVersionArn'): Promise<WorkflowRecord> {
  const found = (await matchingWorkflows(ctx, parseWorkflowArn(arn, parameter))).at(-1);
  if (!found) throw resourceNotFound(arn);
  return found;
}

export function toWorkflow(r: WorkflowRecord): Workflow {
  return {
    arn: r.arn, name: r.name, version: r.version, description: r.description, changeDescription: r.changeDescription, type: r.type,
    owner: r.owner, data: r.data, kmsKeyId: r.kmsKeyId, dateCreated: r.dateCreated, tags: r.tags,
    parameters: r.parameters.length > 0 ? parameterDetails(r.parameters) : undefined,
  };
}

export function toWorkflowSummary(r: WorkflowRecord): WorkflowSummary {
  return {
    arn: r.arn, name: r.name, version: r.version, description: r.description, changeDescription: r.changeDescription,
    type: r.type, owner: r.owner, dateCreated: r.dateCreated, tags: r.tags,
  };
}

export function toWorkflowVersion(r: WorkflowRecord): WorkflowVersion {
  return { arn: versionArnOf(r), name: r.name, version: r.version, description: r.description, type: r.type, owner: r.owner, dateCreated: r.dateCreated };
}

/** The wildcard ARNs of the build's name, major, minor and version (as AWS's GetWorkflow example shows them). */
export function workflowLatestVersionReferences(r: WorkflowRecord): LatestVersionReferences {
  const base = versionArnOf(r).slice(0, versionArnOf(r).lastIndexOf('/'));
  const [major, minor] = r.version.split('.');
  return {
    latestVersionArn: `${base}/x.x.x`, latestMajorVersionArn: `${base}/${major}.x.x`,
    latestMinorVersionArn: `${base}/${major}.${minor}.x`, latestPatchVersionArn: `${base}/${r.version}`,
  };
}
