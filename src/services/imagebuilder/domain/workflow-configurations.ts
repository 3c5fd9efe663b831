/**
 * The `workflows` and `executionRole` of CreateImage, CreateImagePipeline and UpdateImagePipeline:
 * custom workflows need an execution role ("An execution role is required to provide workflows",
 * AWS's text), the caller passes that role to Image Builder (`iam:PassRole`, as for an instance
 * profile's role), every workflow ARN must name a workflow build that exists (the caller's own or
 * Amazon's), and the parameters given must be ones its document declares, of their type, with
 * every parameter that has no default given. When a build is created, the custom workflows it
 * will run are resolved once and kept with the image (WORKFLOW_PLANS), so a later change to the
 * workflow does not change a build already under way.
 */
import { AwsError } from '../../../kernel/errors.js';
import type { WorkflowConfiguration, WorkflowType } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { passExecutionRole } from './execution-role.js';
import { keyOf } from './images.js';
import { IMAGE_PIPELINES, type ImagePipelineRecord, type ImageRecord } from './records.js';
import { arnName, ibScope } from './scope.js';
import { matchesWildcard } from './versions.js';
import type { DocumentStep, ParameterDeclaration } from './workflow-documents.js';
import { findWorkflow, parseWorkflowArn, type WorkflowRecord } from './workflows.js';

/** What a build runs for one stage: the resolved workflow build, its steps and its parameter values. */
export interface WorkflowPlan {
  workflowBuildVersionArn: string;
  steps: DocumentStep[];
  parameters: Record<string, unknown>;
  onFailure: 'ABORT' | 'CONTINUE';
}

/** `<image key>/<type>`. */
export const WORKFLOW_PLANS = 'ib.workflowPlans';

function invalidParameters(index: number, detail: string): AwsError {
  return new AwsError('InvalidParameterValueException', `The value supplied for parameter 'workflows[${index}].parameters' is not valid. ${detail}`);
}

/** The typed value of each declared parameter: the values given, else the default. */
function parameterValues(index: number, declared: ParameterDeclaration[], given: WorkflowConfiguration['parameters'] = []): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const p of given) {
    const declaration = declared.find((d) => d.name === p.name);
    if (!declaration) throw invalidParameters(index, `The workflow declares no parameter '${p.name}'.`);
    if (p.name in values) throw invalidParameters(index, `The parameter '${p.name}' is given more than once.`);
    values[p.name] = typed(index, declaration, p.value);
  }
  for (const d of declared) {
    if (d.name in values) continue;
    if (d.default === undefined) throw invalidParameters(index, `The workflow parameter '${d.name}' has no default value, so it must be given.`);
    values[d.name] = d.default;
  }
  return values;
}

function typed(index: number, d: ParameterDeclaration, value: string[]): unknown {
  if (d.type === 'stringList') return value;
  const one = value.length === 1 ? value[0] : undefined;
  if (d.type === 'string' && one !== undefined) return one;
  if (d.type === 'integer' && one !== undefined && /^-?[0-9]+$/.test(one)) return Number(one);
  if (d.type === 'boolean' && one !== undefined && /^(true|false)$/i.test(one)) return one.toLowerCase() === 'true';
  throw invalidParameters(index, `The parameter '${d.name}' takes one ${d.type} value; got [${value.join(', ')}].`);
}

async function resolve(ctx: HandlerContext, config: WorkflowConfiguration, index: number): Promise<{ record: WorkflowRecord; parameters: Record<string, unknown> }> {
  const record = await findWorkflow(ctx, config.workflowArn, `workflows[${index}].workflowArn`);
  return { record, parameters: parameterValues(index, record.parameters, config.parameters) };
}

/** Checks what CreateImage, CreateImagePipeline and UpdateImagePipeline say about workflows. */
export async function checkWorkflowConfigurations(ctx: HandlerContext, input: { workflows?: WorkflowConfiguration[]; executionRole?: string }): Promise<void> {
  if (input.workflows?.length && !input.executionRole) {
    // The text AWS answers (agent-toolkit-for-aws, custom-workflows.md); the code is not documented.
    throw new AwsError('InvalidRequestException', 'An execution role is required to provide workflows');
  }
  for (const [i, config] of (input.workflows ?? []).entries()) await resolve(ctx, config, i);
  await passExecutionRole(ctx, input.executionRole);
}

/**
 * Keeps the custom workflows a new build runs, one per stage: the first the image names of each
 * type. Amazon's managed workflows, and documents kept in S3 (their steps are unknown), run the
 * steps Kiln knows for the stage (workflow-executions.ts).
 */
export async function planWorkflows(ctx: HandlerContext, image: ImageRecord): Promise<void> {
  const planned = new Set<WorkflowType>();
  for (const [i, config] of (image.workflows ?? []).entries()) {
    const { record, parameters } = await resolve(ctx, config, i);
    if (planned.has(record.type) || record.steps.length === 0) continue;
    planned.add(record.type);
    const plan: WorkflowPlan = { workflowBuildVersionArn: record.arn, steps: record.steps, parameters, onFailure: config.onFailure ?? 'ABORT' };
    await ctx.tx.put(WORKFLOW_PLANS, ibScope(ctx.scope), `${keyOf(image)}/${record.type}`, plan);
  }
}

export async function findPlan(ctx: HandlerContext, image: ImageRecord, type: WorkflowType): Promise<WorkflowPlan | undefined> {
  return ctx.tx.get<WorkflowPlan>(WORKFLOW_PLANS, ibScope(ctx.scope), `${keyOf(image)}/${type}`);
}

/** Whether a workflow ARN a pipeline names can resolve to this build (the build itself, or a version ARN that matches it). */
function refersTo(arn: string, record: WorkflowRecord, ctx: HandlerContext): boolean {
  const parsed = parseWorkflowArn(arn, 'workflowArn');
  return parsed.owner === ctx.scope.account && parsed.type === record.type && parsed.name === arnName(record.name)
    && matchesWildcard(record.version, parsed.version) && (parsed.build === undefined || parsed.build === record.build);
}

export async function pipelineUsesWorkflow(ctx: HandlerContext, record: WorkflowRecord): Promise<boolean> {
  const pipelines = await ctx.tx.list<ImagePipelineRecord>(IMAGE_PIPELINES, ibScope(ctx.scope));
  return pipelines.some((p) => p.value.workflows?.some((w) => refersTo(w.workflowArn, record, ctx)));
}
