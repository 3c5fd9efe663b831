/**
 * The one error type that services throw. `code` is the wire error code (IAM `NoSuchEntity`,
 * Image Builder `ResourceNotFoundException`); when `status` is left out, the protocol layer takes
 * it from the service model's error shape for that code (400 if the model has none).
 */
export class AwsError extends Error {
  readonly code: string;
  readonly status?: number;
  /** Extra response headers, e.g. for authentication errors. */
  readonly headers?: Record<string, string>;

  constructor(code: string, message: string, status?: number, headers?: Record<string, string>) {
    super(message);
    this.name = 'AwsError';
    this.code = code;
    this.status = status;
    this.headers = headers;
  }
}

export function isAwsError(error: unknown): error is AwsError {
  return error instanceof AwsError;
}
