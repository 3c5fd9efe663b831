import type { ImportDiskImageRequest, ImportDiskImageResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { requireInfrastructureConfiguration } from '../domain/build-inputs.js';
import { createImport } from '../domain/builds.js';
import { idempotent } from '../domain/idempotency.js';
import { ensureServiceLinkedRole } from '../domain/service-role.js';
import { parseSemanticVersion } from '../domain/versions.js';

/**
 * Makes an image from an ISO disk image in S3 (buildType IMPORT_ISO), using the infrastructure
 * configuration's instance. Kiln reads no S3: the URI is taken as given. It creates an image, so it
 * creates the service-linked role as the other image-creating operations do.
 */
export async function ImportDiskImage(input: ImportDiskImageRequest, ctx: HandlerContext): Promise<ImportDiskImageResponse> {
  parseSemanticVersion(input.semanticVersion);
  // The response has no requestId member; the one idempotent() adds on a replay is not sent.
  return idempotent<ImportDiskImageRequest, ImportDiskImageResponse & { requestId?: string }>('ImportDiskImage', input, ctx, async () => {
    const infrastructureConfiguration = await requireInfrastructureConfiguration(ctx, input.infrastructureConfigurationArn);
    await ensureServiceLinkedRole(ctx);
    const image = await createImport(ctx, {
      name: input.name, semanticVersion: input.semanticVersion, description: input.description, platform: input.platform,
      osVersion: input.osVersion, buildType: 'IMPORT_ISO', tags: input.tags ?? {}, infrastructureConfiguration,
      executionRole: input.executionRole, loggingConfiguration: input.loggingConfiguration,
    });
    return { clientToken: input.clientToken, imageBuildVersionArn: image.arn };
  });
}
