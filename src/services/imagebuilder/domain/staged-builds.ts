/**
 * Builds that start past BUILDING (Image Builder's "enhanced AMI distribution"; User Guide,
 * distribution-enhanced_functionality):
 *
 * - DistributeImage runs only the distribution phase on an AMI that is already built. Kiln makes
 *   a new build of the source image's name and version (`image/<name>/<version>/<next build>`),
 *   with the source's recipe and infrastructure and the given distribution configuration, that
 *   goes PENDING → DISTRIBUTING → INTEGRATING → AVAILABLE and keeps the source's AMI in the home
 *   Region. (INFERRED: AWS documents only that an image build version ARN comes back.)
 * - RetryImage resumes a failed build in place, "from the point of failure using the original
 *   distribution configuration and settings", for failures in the test, distribution or
 *   integration phase. The image keeps its ARN and goes PENDING → the failed stage → … → AVAILABLE.
 */
import { AwsError } from '../../../kernel/errors.js';
import type { HandlerContext } from '../../types.js';
import { createStagedBuild, type LaterStage } from './builds.js';
import { peekBuildNumber } from './image-versions.js';
import { arnNameOf, findImageOrUndefined, imageKey, keyOf, parseImageArn } from './images.js';
import { IMAGES, type DistributionConfigurationRecord, type ImageRecord } from './records.js';
import { ibArn, ibScope } from './scope.js';
import { WORKFLOW_EXECUTIONS, type WorkflowExecutionRecord } from './workflow-executions.js';

const AMI_ID = /^ami-[0-9a-f]{8}(?:[0-9a-f]{9})?$/;

function sourceNotFound(sourceImage: string): AwsError {
  // The model lists ResourceNotFoundException for DistributeImage; AWS's text is not documented.
  return new AwsError('ResourceNotFoundException', `The source image '${sourceImage}' does not exist in this account and Region.`, 404);
}

/**
 * The image `sourceImage` names: an image build version ARN (which must be AVAILABLE), or an image
 * version ARN, which resolves to its newest AVAILABLE build (AWS CLI reference). AMI ids and
 * `ssm:` parameters are valid sources on AWS, but Kiln keeps no EC2 AMIs or SSM parameters of its
 * own, so it finds none (ResourceNotFoundException).
 */
export async function resolveSourceImage(ctx: HandlerContext, sourceImage: string): Promise<ImageRecord> {
  if (AMI_ID.test(sourceImage) || sourceImage.startsWith('ssm:')) throw sourceNotFound(sourceImage);
  if (!sourceImage.startsWith('arn:')) {
    throw new AwsError('InvalidParameterValueException', `The value supplied for parameter 'sourceImage' is not valid. Specify an AMI ID, an SSM parameter (ssm:<parameter name or ARN>) or an Image Builder image ARN.`);
  }
  const parsed = parseImageArn(sourceImage, 'sourceImage');
  let image: ImageRecord | undefined;
  if (parsed.version && parsed.build === undefined && !parsed.version.includes('x')) {
    if (parsed.region !== ctx.scope.region || parsed.owner !== ctx.scope.account) throw sourceNotFound(sourceImage);
    const builds = await ctx.tx.list<ImageRecord>(IMAGES, ibScope(ctx.scope), { prefix: imageKey(parsed.name, parsed.version) });
    if (builds.length === 0) throw sourceNotFound(sourceImage);
    image = builds.map((b) => b.value).filter((b) => b.state?.status === 'AVAILABLE').at(-1) ?? builds.at(-1)!.value;
  } else {
    image = await findImageOrUndefined(ctx, sourceImage, 'sourceImage');
  }
  if (!image) throw sourceNotFound(sourceImage);
  if (image.state?.status !== 'AVAILABLE') {
    throw new AwsError('InvalidRequestException', `The source image '${image.arn}' is ${image.state?.status}. DistributeImage distributes an image in the AVAILABLE state only.`);
  }
  if (image.type !== 'AMI') {
    throw new AwsError('InvalidRequestException', `The source image '${image.arn}' is a container image. DistributeImage distributes AMIs only.`);
  }
  return image;
}

export interface DistributionSpec {
  distributionConfiguration: DistributionConfigurationRecord;
  executionRole: string;
  tags?: Record<string, string>;
  loggingConfiguration?: ImageRecord['loggingConfiguration'];
}

/** The AMI the source image left in its own account and Region. */
function homeAmi(source: ImageRecord): string | undefined {
  const [, , , region, account] = source.arn.split(':');
  return source.outputResources?.amis?.find((a) => a.region === region && a.accountId === account)?.image;
}

/** A new build of the source's name and version that only distributes (see the top of this file). */
export async function createDistribution(ctx: HandlerContext, source: ImageRecord, spec: DistributionSpec): Promise<ImageRecord> {
  const name = arnNameOf(source.arn);
  const build = await peekBuildNumber(ctx, name, source.semanticVersion);
  const image: ImageRecord = {
    arn: ibArn(ctx.scope, `image/${name}/${source.semanticVersion}/${build}`),
    name: source.name, type: source.type, version: `${source.semanticVersion}/${build}`,
    platform: source.platform, osVersion: source.osVersion, enhancedImageMetadataEnabled: source.enhancedImageMetadataEnabled,
    imageRecipe: source.imageRecipe, infrastructureConfiguration: source.infrastructureConfiguration,
    distributionConfiguration: spec.distributionConfiguration, imageTestsConfiguration: source.imageTestsConfiguration,
    dateCreated: ctx.clock.now().toISOString(), tags: spec.tags ?? {}, buildType: 'USER_INITIATED', imageSource: source.imageSource,
    executionRole: spec.executionRole, loggingConfiguration: spec.loggingConfiguration,
    semanticVersion: source.semanticVersion, build,
  };
  return createStagedBuild(ctx, image, 'DISTRIBUTING', homeAmi(source));
}

const RETRY_STAGE: Record<string, LaterStage | undefined> = { TEST: 'TESTING', DISTRIBUTION: 'DISTRIBUTING' };

/**
 * Where a RetryImage resumes: the stage whose workflow failed. An image that is still running is
 * ResourceInUseException; one that did not fail, or failed before its test phase (while it was
 * pending or building), is InvalidRequestException: RetryImage retries the test, distribution and
 * integration phases only. (Both codes are the model's; AWS's texts are not documented.)
 */
export async function retryStage(ctx: HandlerContext, image: ImageRecord): Promise<LaterStage> {
  const status = image.state?.status;
  if (status !== 'FAILED') {
    if (['PENDING', 'CREATING', 'BUILDING', 'TESTING', 'DISTRIBUTING', 'INTEGRATING'].includes(status ?? '')) {
      throw new AwsError('ResourceInUseException', `The image '${image.arn}' is ${status}. Only a FAILED image can be retried.`);
    }
    throw new AwsError('InvalidRequestException', `The image '${image.arn}' is ${status}. Only a FAILED image can be retried.`);
  }
  const workflows = await ctx.tx.list<WorkflowExecutionRecord>(WORKFLOW_EXECUTIONS, ibScope(ctx.scope), { prefix: `${keyOf(image)}/` });
  const failed = workflows.map((w) => w.value).filter((w) => w.status === 'FAILED').at(-1);
  const stage = failed && RETRY_STAGE[failed.type];
  if (!stage) {
    throw new AwsError('InvalidRequestException', `The image '${image.arn}' failed before its test phase. RetryImage retries failures in the test, distribution or integration phase; start a new build instead.`);
  }
  return stage;
}
