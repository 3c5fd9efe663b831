/**
 * `clientToken` idempotency, as EC2 defines it: the same token with the same parameters answers
 * the first response again and does nothing; the same token with other parameters is an
 * IdempotentParameterMismatchException. Tokens are kept per account, region and operation.
 */
import { createHash } from 'node:crypto';
import { AwsError } from '../../../kernel/errors.js';
import type { HandlerContext } from '../../types.js';
import { ibScope } from './scope.js';

const CLIENT_TOKENS = 'ib.clientTokens';

interface TokenRecord {
  requestHash: string;
  response: unknown;
}

/** A stable hash of the request's parameters, apart from the token itself. */
function requestHash(input: Record<string, unknown>): string {
  const { clientToken: _token, ...rest } = input;
  const canonical = JSON.stringify(rest, (_key, value) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value);
  return createHash('sha256').update(canonical).digest('hex');
}

/** The first response comes back with this request's `requestId` (outputs without one ignore it). */
export async function idempotent<I extends { clientToken?: string }, O extends object>(
  operation: string, input: I, ctx: HandlerContext, run: () => Promise<O>,
): Promise<O> {
  if (!input.clientToken) return run();
  const key = `${operation}/${input.clientToken}`;
  const hash = requestHash(input as Record<string, unknown>);
  const previous = await ctx.tx.get<TokenRecord>(CLIENT_TOKENS, ibScope(ctx.scope), key);
  if (previous) {
    if (previous.requestHash !== hash) {
      throw new AwsError('IdempotentParameterMismatchException', `The client token '${input.clientToken}' has already been used for a request with different parameters.`);
    }
    return { ...(previous.response as O), requestId: ctx.scope.requestId };
  }
  const response = await run();
  await ctx.tx.put<TokenRecord>(CLIENT_TOKENS, ibScope(ctx.scope), key, { requestHash: hash, response });
  return response;
}
