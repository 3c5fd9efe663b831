import { AwsError } from '../../../kernel/errors.js';
import type { ImportComponentRequest, ImportComponentResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { COMPONENTS, buildsOf, componentKey, type ComponentRecord } from '../domain/components.js';
import { idempotent } from '../domain/idempotency.js';
import { arnName, ibArn, ibScope } from '../domain/scope.js';
import { wrapShellScript } from '../domain/shell-documents.js';
import { parseSemanticVersion } from '../domain/versions.js';

/**
 * Imports a script as a component build (format SHELL, the only one the model knows): the script
 * given inline in `data` is wrapped in a component document (shell-documents.ts), which GetComponent
 * then answers as the component's data. A script kept in S3 (`uri`) cannot be read here and is kept
 * as its URI. Versions and builds work as CreateComponent's: the same name and version again is the
 * next build. `type` is the caller's, not read from a document.
 */
export async function ImportComponent(input: ImportComponentRequest, ctx: HandlerContext): Promise<ImportComponentResponse> {
  if ((input.data === undefined) === (input.uri === undefined)) {
    throw new AwsError('InvalidParameterCombinationException', input.data === undefined
      ? "You must specify either 'data' or 'uri' for the component."
      : "You cannot specify both 'data' and 'uri'. Specify exactly one of them.");
  }
  parseSemanticVersion(input.semanticVersion);
  const data = input.data === undefined ? undefined : await wrapShellScript(input.data, {
    name: input.name, description: input.description, type: input.type, platform: input.platform,
  });
  return idempotent('ImportComponent', input, ctx, async () => {
    const builds = await buildsOf(ctx, input.name, input.semanticVersion);
    const build = builds.length === 0 ? 1 : builds[builds.length - 1].build + 1;
    const record: ComponentRecord = {
      arn: ibArn(ctx.scope, `component/${arnName(input.name)}/${input.semanticVersion}/${build}`),
      name: input.name, version: input.semanticVersion, build, description: input.description,
      changeDescription: input.changeDescription, type: input.type, platform: input.platform,
      owner: ctx.scope.account, data, uri: input.uri, kmsKeyId: input.kmsKeyId,
      dateCreated: ctx.clock.now().toISOString(), tags: input.tags ?? {},
    };
    await ctx.tx.put(COMPONENTS, ibScope(ctx.scope), componentKey(input.name, input.semanticVersion, build), record);
    return { requestId: ctx.scope.requestId, clientToken: input.clientToken, componentBuildVersionArn: record.arn };
  });
}
