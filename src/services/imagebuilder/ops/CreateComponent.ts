import { AwsError } from '../../../kernel/errors.js';
import type { CreateComponentRequest, CreateComponentResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { COMPONENTS, buildsOf, componentKey, type ComponentRecord } from '../domain/components.js';
import { componentTypeOf } from '../domain/documents.js';
import { idempotent } from '../domain/idempotency.js';
import { arnName, ibArn, ibScope } from '../domain/scope.js';
import { parseSemanticVersion } from '../domain/versions.js';

/**
 * Creates a component build. Creating the same name and version again adds the next build
 * (`/2`, `/3`, ...), as Image Builder has done since its November 2025 auto-versioning release.
 */
export async function CreateComponent(input: CreateComponentRequest, ctx: HandlerContext): Promise<CreateComponentResponse> {
  if ((input.data === undefined) === (input.uri === undefined)) {
    throw new AwsError('InvalidParameterCombinationException', input.data === undefined
      ? "You must specify either 'data' or 'uri' for the component document."
      : "You cannot specify both 'data' and 'uri'. Specify exactly one of them.");
  }
  parseSemanticVersion(input.semanticVersion);
  // The document is checked before anything else is (dryRun included: an invalid document is
  // answered with its error, a valid one with DryRunOperationException). A document kept in S3
  // cannot be read here; such a component is taken to be a BUILD component.
  const type = input.data !== undefined ? await componentTypeOf(input.data, input.platform) : 'BUILD';
  if (input.dryRun) {
    throw new AwsError('DryRunOperationException', 'The request would have succeeded, but the dryRun parameter was set.');
  }
  return idempotent('CreateComponent', input, ctx, async () => {
    const builds = await buildsOf(ctx, input.name, input.semanticVersion);
    const build = builds.length === 0 ? 1 : builds[builds.length - 1].build + 1;
    const record: ComponentRecord = {
      arn: ibArn(ctx.scope, `component/${arnName(input.name)}/${input.semanticVersion}/${build}`),
      name: input.name, version: input.semanticVersion, build, description: input.description,
      changeDescription: input.changeDescription, type, platform: input.platform, supportedOsVersions: input.supportedOsVersions,
      owner: ctx.scope.account, data: input.data, uri: input.uri, kmsKeyId: input.kmsKeyId,
      dateCreated: ctx.clock.now().toISOString(), tags: input.tags ?? {},
    };
    await ctx.tx.put(COMPONENTS, ibScope(ctx.scope), componentKey(input.name, input.semanticVersion, build), record);
    return { requestId: ctx.scope.requestId, clientToken: input.clientToken, componentBuildVersionArn: record.arn };
  });
}
