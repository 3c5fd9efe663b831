/** The errors STS words the same way in several operations. */
import { AwsError } from '../../../kernel/errors.js';

/**
 * AWS's authorization failure for STS: HTTP 403, Sender, code AccessDenied, e.g.
 * `User: arn:aws:iam::123456789012:user/alice is not authorized to perform: sts:AssumeRole on
 * resource: arn:aws:iam::123456789012:role/Builder` (aws-behavior.md §4.1). STS gives no
 * "because ..." reason for AssumeRole denials; whether it ever does is UNVERIFIED, so none is added.
 */
export function notAuthorized(callerArn: string, action: string, resource: string): AwsError {
  return new AwsError('AccessDenied', `User: ${callerArn} is not authorized to perform: ${action} on resource: ${resource}`, 403);
}

/** STS's ValidationError (HTTP 400, Sender), as for `The requested DurationSeconds exceeds ...`. */
export function validationError(message: string): AwsError {
  return new AwsError('ValidationError', message, 400);
}
