import type { ImportVmImageRequest, ImportVmImageResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { createImport } from '../domain/builds.js';
import { idempotent } from '../domain/idempotency.js';
import { ensureServiceLinkedRole } from '../domain/service-role.js';
import { parseSemanticVersion } from '../domain/versions.js';

/**
 * Makes an Image Builder image (buildType IMPORT, imageSource IMPORTED) from the AMI of an EC2 VM
 * import task. Kiln has no EC2: the task id is taken as given, and the image becomes AVAILABLE
 * with an AMI of its own after a short import. Answers the image's build version ARN as `imageArn`.
 */
export async function ImportVmImage(input: ImportVmImageRequest, ctx: HandlerContext): Promise<ImportVmImageResponse> {
  parseSemanticVersion(input.semanticVersion);
  return idempotent('ImportVmImage', input, ctx, async () => {
    await ensureServiceLinkedRole(ctx);
    const image = await createImport(ctx, {
      name: input.name, semanticVersion: input.semanticVersion, description: input.description, platform: input.platform,
      osVersion: input.osVersion, buildType: 'IMPORT', tags: input.tags ?? {}, loggingConfiguration: input.loggingConfiguration,
    });
    return { requestId: ctx.scope.requestId, imageArn: image.arn, clientToken: input.clientToken };
  });
}
