import type { GetWorkflowRequest, GetWorkflowResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { findWorkflow, toWorkflow, workflowLatestVersionReferences } from '../domain/workflows.js';

/** A workflow build: the one a build version ARN names, or the newest that a version ARN (with `x` nodes or not) matches. */
export async function GetWorkflow(input: GetWorkflowRequest, ctx: HandlerContext): Promise<GetWorkflowResponse> {
  const record = await findWorkflow(ctx, input.workflowBuildVersionArn);
  return { workflow: toWorkflow(record), latestVersionReferences: workflowLatestVersionReferences(record) };
}
