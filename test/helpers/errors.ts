/** Assertions on the errors AWS SDK v3 clients throw, as a user would check them. */
import assert from 'node:assert/strict';

export interface ExpectedError {
  /** The SDK's error name: the exception class for modelled errors (EntityAlreadyExistsException), else the code. */
  name: string;
  /** The wire code (awsQuery `<Error><Code>`), when it differs from the name. */
  code?: string;
  status: number;
  message?: string;
}

/** Asserts that a call fails with exactly this error, and returns the error for further checks. */
export async function expectError(call: Promise<unknown>, expected: ExpectedError): Promise<Error & Record<string, any>> {
  let caught: (Error & Record<string, any>) | undefined;
  await assert.rejects(call, (error: Error & Record<string, any>) => {
    caught = error;
    return true;
  });
  const error = caught!;
  assert.equal(error.name, expected.name, `error name (message: ${error.message})`);
  if (expected.code !== undefined) assert.equal(error.Code ?? error.Error?.Code, expected.code, 'wire error code');
  assert.equal(error.$metadata?.httpStatusCode, expected.status, `HTTP status of ${expected.code ?? expected.name}`);
  if (expected.status < 500) assert.equal(error.$fault, 'client');
  if (expected.message !== undefined) assert.equal(error.message, expected.message);
  assert.match(error.$metadata?.requestId ?? '', /^[0-9a-f-]{36}$/, 'a request id comes back with the error');
  return error;
}

/** IAM's ValidationError text for one or more violations. */
export function validationMessage(...parts: string[]): string {
  return `${parts.length === 1 ? '1 validation error detected' : `${parts.length} validation errors detected`}: ${parts.join('; ')}`;
}
