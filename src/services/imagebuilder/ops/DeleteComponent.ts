import type { DeleteComponentRequest, DeleteComponentResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { COMPONENTS, componentKey, findComponent } from '../domain/components.js';
import { ibScope } from '../domain/scope.js';

export async function DeleteComponent(input: DeleteComponentRequest, ctx: HandlerContext): Promise<DeleteComponentResponse> {
  const record = await findComponent(ctx, input.componentBuildVersionArn);
  await ctx.tx.delete(COMPONENTS, ibScope(ctx.scope), componentKey(record.name, record.version, record.build));
  return { requestId: ctx.scope.requestId, componentBuildVersionArn: record.arn };
}
