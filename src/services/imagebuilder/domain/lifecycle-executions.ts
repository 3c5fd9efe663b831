/**
 * Lifecycle executions: one run of a lifecycle policy, or one StartResourceStateUpdate. Each is a
 * record (LIFECYCLE_EXECUTIONS, keyed by its `lce-` id) holding the images it identified, with the
 * action on each and the AMIs or container images the action takes along; an index
 * (LIFECYCLE_EXECUTION_INDEX, `<resource ARN>|<newest first>|<id>`) finds the executions of a
 * policy and of an image.
 *
 * An execution is advanced by an engine task against the clock (ServiceSettings.lifecycle):
 *
 *   PENDING (a StartResourceStateUpdate whose `updateAt` is still ahead)
 *     → IN_PROGRESS: one resource's action finishes every `actionMs`
 *     → SUCCESS, or FAILED when an action failed (the execution role no longer exists);
 *   CancelLifecycleExecution: CANCELLING until the current action finishes, then CANCELLED, the
 *   resources not processed yet SKIPPED. Nothing done before is rolled back.
 *
 * The actions, as the user guide's "Allowed resource state transitions" gives them: DEPRECATE
 * and DISABLE set the image's status (DEPRECATED also sets `deprecationTime`), AVAILABLE restores
 * it, DELETE removes the image resource, unless an exclusion rule kept one of its AMIs: then the
 * image stays and its action is SKIPPED. An image deleted meanwhile, or already in the state the
 * action wants, counts as SUCCESS.
 */
import type {
  LifecycleExecution, LifecycleExecutionResource, LifecycleExecutionResourceActionName, LifecycleExecutionResourceStatus,
  LifecycleExecutionStatus,
} from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import type { AssociatedResource } from './lifecycle-associated.js';
import { findExecutionRole } from './lifecycle-policies.js';
import { removeImage } from './image-removal.js';
import { inProgress, saveImage } from './images.js';
import { IMAGES, type ImageRecord } from './records.js';
import { ibScope } from './scope.js';

export const LIFECYCLE_EXECUTIONS = 'ib.lifecycleExecutions';
export const LIFECYCLE_EXECUTION_INDEX = 'ib.lifecycleExecutionIndex';
export const EXECUTION_TASK_KIND = 'imagebuilder.lifecycleExecution';

/** One image an execution identified: the action on it and where that stands. */
export interface ExecutionResource {
  imageArn: string;
  imageKey: string;
  action: LifecycleExecutionResourceActionName;
  actionReason: string;
  status: LifecycleExecutionResourceStatus;
  reason?: string;
  startTime?: string;
  endTime?: string;
  associated: AssociatedResource[];
}

export interface LifecycleExecutionRecord {
  lifecycleExecutionId: string;
  /** The policy that ran; none for a StartResourceStateUpdate. */
  lifecyclePolicyArn?: string;
  status: LifecycleExecutionStatus;
  reason?: string;
  startTime: string;
  endTime?: string;
  /** When a PENDING execution starts (StartResourceStateUpdate `updateAt`). */
  updateAt?: string;
  executionRole?: string;
  resources: ExecutionResource[];
}

/** What the engine task keeps: where the execution is. */
export interface ExecutionTaskState {
  partition: string;
  account: string;
  region: string;
  lifecycleExecutionId: string;
}

type Ctx = Pick<HandlerContext, 'tx' | 'scope' | 'clock' | 'ids' | 'settings' | 'schedule'>;

const TERMINAL: ReadonlySet<LifecycleExecutionStatus> = new Set(['SUCCESS', 'FAILED', 'CANCELLED']);
const MAX_TIME = 10 ** 15;

export function isTerminal(record: LifecycleExecutionRecord): boolean {
  return TERMINAL.has(record.status);
}

function indexKey(resourceArn: string, startMs: number, id: string): string {
  return `${indexPrefix(resourceArn)}${String(MAX_TIME - startMs).padStart(15, '0')}|${id}`;
}

/** The index entries of one resource's executions, newest first. */
export function indexPrefix(resourceArn: string): string {
  return `${resourceArn}|`;
}

export async function findExecution(ctx: Pick<HandlerContext, 'tx' | 'scope'>, id: string): Promise<LifecycleExecutionRecord | undefined> {
  return ctx.tx.get<LifecycleExecutionRecord>(LIFECYCLE_EXECUTIONS, ibScope(ctx.scope), id);
}

async function save(ctx: Pick<HandlerContext, 'tx' | 'scope'>, record: LifecycleExecutionRecord): Promise<void> {
  await ctx.tx.put(LIFECYCLE_EXECUTIONS, ibScope(ctx.scope), record.lifecycleExecutionId, record);
}

export interface ExecutionSpec {
  lifecyclePolicyArn?: string;
  executionRole?: string;
  updateAt?: Date;
  resources: ExecutionResource[];
}

/** Records a new execution (PENDING until `updateAt`, else IN_PROGRESS) and schedules its task. */
export async function startExecution(ctx: Ctx, spec: ExecutionSpec): Promise<LifecycleExecutionRecord> {
  const now = ctx.clock.now().getTime();
  const pending = spec.updateAt !== undefined && spec.updateAt.getTime() > now;
  const record: LifecycleExecutionRecord = {
    lifecycleExecutionId: `lce-${ctx.ids.uuid()}`, lifecyclePolicyArn: spec.lifecyclePolicyArn,
    status: pending ? 'PENDING' : 'IN_PROGRESS', startTime: new Date(now).toISOString(),
    updateAt: spec.updateAt?.toISOString(), executionRole: spec.executionRole, resources: spec.resources,
  };
  await save(ctx, record);
  const scope = ibScope(ctx.scope);
  const owners = [...(spec.lifecyclePolicyArn ? [spec.lifecyclePolicyArn] : []), ...spec.resources.map((r) => r.imageArn)];
  for (const arn of owners) await ctx.tx.put(LIFECYCLE_EXECUTION_INDEX, scope, indexKey(arn, now, record.lifecycleExecutionId), record.lifecycleExecutionId);
  await scheduleStep(ctx, record, pending ? spec.updateAt!.getTime() : now + ctx.settings.lifecycle.actionMs);
  return record;
}

async function scheduleStep(ctx: Ctx, record: LifecycleExecutionRecord, dueAt: number): Promise<void> {
  const state: ExecutionTaskState = {
    partition: ctx.scope.partition, account: ctx.scope.account, region: ctx.scope.region, lifecycleExecutionId: record.lifecycleExecutionId,
  };
  await ctx.schedule(EXECUTION_TASK_KIND, dueAt, state);
}

/** The newest execution of a resource (a policy, an image), or undefined. */
export async function newestExecution(ctx: Pick<HandlerContext, 'tx' | 'scope'>, resourceArn: string): Promise<LifecycleExecutionRecord | undefined> {
  const [first] = await ctx.tx.list<string>(LIFECYCLE_EXECUTION_INDEX, ibScope(ctx.scope), { prefix: indexPrefix(resourceArn), limit: 1 });
  return first && findExecution(ctx, first.value);
}

/** CancelLifecycleExecution: CANCELLING now, CANCELLED once the current action has had its time. */
export async function cancelExecution(ctx: Ctx, record: LifecycleExecutionRecord): Promise<void> {
  record.status = 'CANCELLING';
  await save(ctx, record);
  // A PENDING execution's task is due only at `updateAt`: this one finishes the cancellation.
  await scheduleStep(ctx, record, ctx.clock.now().getTime() + ctx.settings.lifecycle.actionMs);
}

function settle(resource: { status: LifecycleExecutionResourceStatus; reason?: string }, status: LifecycleExecutionResourceStatus, reason?: string): void {
  resource.status = status;
  resource.reason = reason;
}

/** Applies one resource's action to its image, as of `at`. */
async function applyAction(ctx: HandlerContext, record: LifecycleExecutionRecord, resource: ExecutionResource, at: string): Promise<void> {
  resource.startTime ??= at;
  resource.endTime = at;
  const pending = resource.associated.filter((a) => a.status === 'IN_PROGRESS');
  const finish = (status: LifecycleExecutionResourceStatus, reason?: string, associatedStatus = status) => {
    settle(resource, status, reason);
    for (const a of pending) settle(a, associatedStatus, associatedStatus === 'FAILED' ? reason : undefined);
  };
  const image = await ctx.tx.get<ImageRecord>(IMAGES, ibScope(ctx.scope), resource.imageKey);
  if (!image || image.arn !== resource.imageArn) return finish('SUCCESS', 'The image no longer exists.');
  if (inProgress(image)) return finish('SKIPPED', `The image has a build in progress (${image.state?.status}).`);
  if (record.executionRole && !(await findExecutionRole(ctx, record.executionRole))) {
    return finish('FAILED', `Image Builder could not assume the execution role '${record.executionRole}': the role does not exist.`);
  }
  if (resource.action === 'DELETE') {
    if (resource.associated.some((a) => a.status === 'SKIPPED')) {
      return finish('SKIPPED', 'The image is kept because an exclusion rule kept one or more of its AMIs.', 'SUCCESS');
    }
    await removeImage(ctx, image);
    return finish('SUCCESS');
  }
  const status = resource.action === 'DEPRECATE' ? 'DEPRECATED' : resource.action === 'DISABLE' ? 'DISABLED' : 'AVAILABLE';
  const updated: ImageRecord = { ...image, state: { status }, lifecycleExecutionId: record.lifecycleExecutionId };
  if (status === 'DEPRECATED') updated.deprecationTime = new Date(image.deprecationTime ?? record.updateAt ?? at);
  if (status === 'AVAILABLE') delete updated.deprecationTime;
  await saveImage(ctx, updated);
  finish('SUCCESS');
}

function finishRun(record: LifecycleExecutionRecord, at: string): void {
  const failed = record.resources.filter((r) => r.status === 'FAILED').length;
  record.status = failed ? 'FAILED' : 'SUCCESS';
  record.reason = failed ? `${failed} of ${record.resources.length} resource actions failed. ListLifecycleExecutionResources shows which, and why.` : undefined;
  record.endTime = at;
}

function finishCancel(record: LifecycleExecutionRecord, at: string): void {
  const reason = 'The lifecycle execution was cancelled before this resource was processed.';
  for (const r of record.resources.filter((x) => x.status === 'IN_PROGRESS')) {
    settle(r, 'SKIPPED', reason);
    for (const a of r.associated.filter((x) => x.status === 'IN_PROGRESS')) settle(a, 'SKIPPED', reason);
  }
  record.status = 'CANCELLED';
  record.endTime = at;
}

/**
 * One step of an execution that was due at `due`: starts a PENDING one, finishes a cancellation,
 * or applies the next resource's action. Returns when the next step is due, or undefined when the
 * execution is over.
 */
export async function advanceExecution(ctx: HandlerContext, record: LifecycleExecutionRecord, due: number): Promise<number | undefined> {
  const at = new Date(due).toISOString();
  const next = due + ctx.settings.lifecycle.actionMs;
  let again: number | undefined;
  if (record.status === 'CANCELLING') {
    finishCancel(record, at);
  } else if (record.status === 'PENDING') {
    record.status = 'IN_PROGRESS';
    again = next;
  } else if (record.status === 'IN_PROGRESS') {
    const resource = record.resources.find((r) => r.status === 'IN_PROGRESS');
    if (resource) await applyAction(ctx, record, resource, at);
    if (record.resources.some((r) => r.status === 'IN_PROGRESS')) again = next;
    else finishRun(record, at);
  }
  await save(ctx, record);
  return again;
}

const date = (iso: string | undefined) => (iso === undefined ? undefined : new Date(iso));

export function toLifecycleExecution(r: LifecycleExecutionRecord): LifecycleExecution {
  return {
    lifecycleExecutionId: r.lifecycleExecutionId, lifecyclePolicyArn: r.lifecyclePolicyArn,
    resourcesImpactedSummary: { hasImpactedResources: r.resources.some((x) => x.status !== 'SKIPPED') },
    state: { status: r.status, reason: r.reason }, startTime: date(r.startTime), endTime: date(r.endTime),
  };
}

/** An image the execution identified, as ListLifecycleExecutionResources shows it. */
export function toExecutionResource(ctx: Pick<HandlerContext, 'scope'>, r: ExecutionResource): LifecycleExecutionResource {
  return {
    accountId: ctx.scope.account, resourceId: r.imageArn, region: ctx.scope.region,
    state: { status: r.status, reason: r.reason }, action: { name: r.action, reason: r.actionReason },
    startTime: date(r.startTime), endTime: date(r.endTime),
  };
}

/** An AMI or container image an action took along, with its snapshots. */
export function toAssociatedResource(parent: ExecutionResource, a: AssociatedResource): LifecycleExecutionResource {
  return {
    accountId: a.accountId, resourceId: a.resourceId, region: a.region, state: { status: a.status, reason: a.reason },
    action: { name: a.action }, imageUris: a.imageUris,
    snapshots: a.snapshotIds?.map((snapshotId) => ({ snapshotId, state: { status: a.status, reason: a.reason } })),
    startTime: date(parent.startTime), endTime: date(parent.endTime),
  };
}
