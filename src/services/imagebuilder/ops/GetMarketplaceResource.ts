import { AwsError } from '../../../kernel/errors.js';
import type { GetMarketplaceResourceRequest, GetMarketplaceResourceResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { findComponent, parseComponentArn } from '../domain/components.js';

/**
 * "Verify the subscription and perform resource dependency checks on the requested AWS Marketplace
 * resource" and return the component's YAML (COMPONENT_DATA) or a URL to its artifact
 * (COMPONENT_ARTIFACT). Kiln has no AWS Marketplace, so the account is subscribed to nothing:
 * every Marketplace component is answered as one AWS cannot find for the caller
 * (ResourceNotFoundException), and a component of the caller's own is not a Marketplace resource
 * (InvalidRequestException, a code the model lists). Both answers are INFERRED: AWS documents
 * neither code nor text for this operation.
 */
export async function GetMarketplaceResource(input: GetMarketplaceResourceRequest, ctx: HandlerContext): Promise<GetMarketplaceResourceResponse> {
  let parsed;
  try {
    parsed = parseComponentArn(input.resourceArn);
  } catch {
    throw new AwsError('InvalidParameterValueException', `The value supplied for parameter 'resourceArn' is not valid. ${input.resourceArn} is not a component version or build version ARN: GetMarketplaceResource retrieves AWS Marketplace components (resourceType ${input.resourceType}).`);
  }
  const own = parsed.owner === ctx.scope.account && parsed.region === ctx.scope.region
    && (await findComponent(ctx, input.resourceArn).then(() => true, (error) => {
      if (error instanceof AwsError && error.code === 'ResourceNotFoundException') return false;
      throw error;
    }));
  if (own) {
    throw new AwsError('InvalidRequestException', `The resource '${input.resourceArn}' is not an AWS Marketplace resource. GetMarketplaceResource retrieves components of AWS Marketplace products you subscribe to.`);
  }
  throw new AwsError('ResourceNotFoundException', `The AWS Marketplace resource '${input.resourceArn}' does not exist, or your account is not subscribed to its product.`, 404);
}
