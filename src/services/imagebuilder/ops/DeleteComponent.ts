import type { DeleteComponentRequest, DeleteComponentResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { COMPONENTS, componentKey, findComponent } from '../domain/components.js';
import { componentInUse } from '../domain/recipe-components.js';
import { dependencyError } from '../domain/recipes.js';
import { deleteResourcePolicy } from '../domain/resource-policies.js';
import { ibScope } from '../domain/scope.js';

/** Deletes one component build, unless an image or container recipe uses it (ResourceDependencyException, AWS's text). */
export async function DeleteComponent(input: DeleteComponentRequest, ctx: HandlerContext): Promise<DeleteComponentResponse> {
  const record = await findComponent(ctx, input.componentBuildVersionArn);
  if (await componentInUse(ctx, record.arn)) throw dependencyError(record.arn);
  await ctx.tx.delete(COMPONENTS, ibScope(ctx.scope), componentKey(record.name, record.version, record.build));
  await deleteResourcePolicy(ctx, record.arn);
  return { requestId: ctx.scope.requestId, componentBuildVersionArn: record.arn };
}
