import { AwsError } from '../../../kernel/errors.js';
import type { DeleteWorkflowRequest, DeleteWorkflowResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { dependencyError } from '../domain/recipes.js';
import { ibScope } from '../domain/scope.js';
import { WORKFLOWS } from '../domain/tagged-resources.js';
import { pipelineUsesWorkflow } from '../domain/workflow-configurations.js';
import { findWorkflow, keyOfWorkflow, parseWorkflowArn } from '../domain/workflows.js';

/**
 * Deletes one workflow build, unless an image pipeline names it (ResourceDependencyException, as
 * the API reference says). Images built with it keep what they ran. Amazon's managed workflows
 * cannot be deleted (Kiln's answer; AWS's is not documented).
 */
export async function DeleteWorkflow(input: DeleteWorkflowRequest, ctx: HandlerContext): Promise<DeleteWorkflowResponse> {
  if (parseWorkflowArn(input.workflowBuildVersionArn, 'workflowBuildVersionArn').owner === 'aws') {
    throw new AwsError('ForbiddenException', `You cannot delete the Amazon-managed workflow '${input.workflowBuildVersionArn}'.`, 403);
  }
  const record = await findWorkflow(ctx, input.workflowBuildVersionArn);
  if (await pipelineUsesWorkflow(ctx, record)) throw dependencyError(record.arn);
  await ctx.tx.delete(WORKFLOWS, ibScope(ctx.scope), keyOfWorkflow(record));
  return { workflowBuildVersionArn: record.arn };
}
