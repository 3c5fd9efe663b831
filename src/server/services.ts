/** The services Kiln serves: each one's model and handler map, in one table. */
import { loadModel, type ServiceModel, type ServiceName } from '../protocol/model.js';
import type { AuthorizationTable } from '../services/authorization.js';
import { iamAuthorization } from '../services/iam/authorization.js';
import { iamHandlers } from '../services/iam/handlers.js';
import { imagebuilderAuthorization } from '../services/imagebuilder/authorization.js';
import { imagebuilderHandlers } from '../services/imagebuilder/handlers.js';
import { IMAGE_BUILDER_REGIONS } from '../services/imagebuilder/domain/regions.js';
import { stsHandlers } from '../services/sts/handlers.js';
import { coverage, type Handler, type NotImplemented } from '../services/types.js';

export interface ServiceDefinition {
  model: ServiceModel;
  handlers: Record<string, Handler<any, any> | NotImplemented>;
  /** Regions the service answers in; undefined means every region of the partition. */
  regions?: ReadonlySet<string>;
  /** Whether the service is global and must be signed for its partition's home region (IAM). */
  global: boolean;
  /** Each operation's resources and condition keys for authorization; unlisted operations act on `*`. */
  authorization?: AuthorizationTable;
}

/** Each model is read on the first request for its service, which keeps Kiln's start-up short. */
function service(name: ServiceName, definition: Omit<ServiceDefinition, 'model'>): ServiceDefinition {
  return { ...definition, get model() { return loadModel(name); } };
}

export function loadServices(): Record<ServiceName, ServiceDefinition> {
  return {
    iam: service('iam', { handlers: iamHandlers, global: true, authorization: iamAuthorization }),
    sts: service('sts', { handlers: stsHandlers, global: false }),
    imagebuilder: service('imagebuilder', { handlers: imagebuilderHandlers, regions: IMAGE_BUILDER_REGIONS, global: false, authorization: imagebuilderAuthorization }),
  };
}

/** `iam 9/176`-style counts of implemented operations, per service. */
export function coverageLines(): string[] {
  return [['iam', iamHandlers], ['sts', stsHandlers], ['imagebuilder', imagebuilderHandlers]].map(([name, handlers]) => {
    const { implemented, total } = coverage(handlers as Record<string, unknown>);
    return `${name} ${implemented}/${total}`;
  });
}
