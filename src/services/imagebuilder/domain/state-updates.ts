/**
 * StartResourceStateUpdate's rules, from its API reference: the image must have finished building
 * (AVAILABLE, DEPRECATED, DISABLED, FAILED or CANCELLED), and a FAILED or CANCELLED one can only
 * be DELETED; container images can only be DELETED; `executionRole` and `includeResources` come
 * together or not at all; snapshots and containers are for DELETED only, and DELETED needs at
 * least one of the image's underlying resources (DeleteImage removes the record alone);
 * `updateAt` is for DEPRECATED only and must be in the future. The texts are Kiln's, in AWS's
 * parameter-validation form; the codes are the model's (ResourceInUseException for an image
 * still building or being updated, InvalidRequestException for a transition AWS does not allow).
 */
import { AwsError } from '../../../kernel/errors.js';
import type { LifecycleExecutionResourceActionName, ResourceStatus, StartResourceStateUpdateRequest } from '../../../generated/imagebuilder.js';
import { inProgress } from './images.js';
import type { ImageRecord } from './records.js';

export const ACTION_FOR: Record<ResourceStatus, LifecycleExecutionResourceActionName> = {
  AVAILABLE: 'AVAILABLE', DEPRECATED: 'DEPRECATE', DISABLED: 'DISABLE', DELETED: 'DELETE',
};

function invalid(parameter: string, detail: string): AwsError {
  return new AwsError('InvalidParameterValueException', `The value supplied for parameter '${parameter}' is not valid. ${detail}`);
}

/** The request on its own: returns the target status. */
export function checkStateUpdateRequest(input: StartResourceStateUpdateRequest, now: Date): ResourceStatus {
  const target = input.state.status;
  if (!target) throw invalid('state.status', 'Specify the status to update the image to: AVAILABLE, DEPRECATED, DISABLED or DELETED.');
  const include = input.includeResources;
  if ((input.executionRole === undefined) !== (include === undefined)) {
    throw invalid(input.executionRole === undefined ? 'executionRole' : 'includeResources', 'executionRole and includeResources must be specified together.');
  }
  if ((include?.snapshots || include?.containers) && target !== 'DELETED') {
    throw invalid('includeResources', 'Snapshots and containers can be included only when the status is DELETED.');
  }
  if (target === 'DELETED' && !(include?.amis || include?.snapshots || include?.containers)) {
    throw invalid('includeResources', 'To set an image to DELETED, include at least one of its underlying resources (amis, snapshots or containers). To delete only the Image Builder image resource, use DeleteImage.');
  }
  if (input.updateAt !== undefined) {
    if (target !== 'DEPRECATED') throw invalid('updateAt', 'updateAt is valid only when the status is DEPRECATED.');
    if (input.updateAt.getTime() <= now.getTime()) throw invalid('updateAt', 'updateAt must be a time in the future.');
  }
  return target;
}

/** The image as it is: finished building, and able to go to `target`. */
export function checkImageForUpdate(image: ImageRecord, target: ResourceStatus, input: StartResourceStateUpdateRequest): void {
  const status = image.state?.status;
  if (inProgress(image)) {
    throw new AwsError('ResourceInUseException', `The image '${image.arn}' has a build in progress (status ${status}); its state can be updated once the build has finished.`);
  }
  if ((status === 'FAILED' || status === 'CANCELLED') && target !== 'DELETED') {
    throw new AwsError('InvalidRequestException', `The image '${image.arn}' is ${status}: it can only be updated to DELETED.`);
  }
  if (image.type === 'DOCKER') {
    if (target !== 'DELETED') throw new AwsError('InvalidRequestException', `The image '${image.arn}' is a container image: it can only be updated to DELETED.`);
    if (input.includeResources?.amis || input.includeResources?.snapshots) throw invalid('includeResources', 'A container image has no AMIs or snapshots.');
  } else if (input.includeResources?.containers) {
    throw invalid('includeResources.containers', 'An AMI image has no containers.');
  }
}
