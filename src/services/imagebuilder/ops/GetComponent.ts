import type { GetComponentRequest, GetComponentResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { findComponent, toComponent } from '../domain/components.js';
import { latestVersionReferences } from '../domain/latest-versions.js';

export async function GetComponent(input: GetComponentRequest, ctx: HandlerContext): Promise<GetComponentResponse> {
  const record = await findComponent(ctx, input.componentBuildVersionArn);
  return {
    requestId: ctx.scope.requestId,
    component: toComponent(record),
    latestVersionReferences: await latestVersionReferences(ctx, record),
  };
}
