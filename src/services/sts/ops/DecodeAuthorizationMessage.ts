/**
 * STS DecodeAuthorizationMessage: the details of a denial from the encoded message Kiln wrote for
 * it (policy/authorization-message.ts). Needs `sts:DecodeAuthorizationMessage` like any action
 * (enforced before the handler runs). Only Kiln's own messages decode; anything else is
 * InvalidAuthorizationMessageException (HTTP 400, the model's), with a text of Kiln's own since
 * AWS's is not documented (INFERRED).
 *
 * The codec is pure and lives with the authorizer that writes the messages; this is the one
 * place a service reads from src/server (see the STS report: it could move to src/policy).
 */
import type { DecodeAuthorizationMessageRequest, DecodeAuthorizationMessageResponse } from '../../../generated/sts.js';
import { AwsError } from '../../../kernel/errors.js';
import { decodeAuthorizationMessage } from '../../../policy/authorization-message.js';
import type { HandlerContext } from '../../types.js';

export async function DecodeAuthorizationMessage(input: DecodeAuthorizationMessageRequest, _ctx: HandlerContext): Promise<DecodeAuthorizationMessageResponse> {
  const details = decodeAuthorizationMessage(input.EncodedMessage.trim());
  if (!details) throw new AwsError('InvalidAuthorizationMessageException', 'The encoded authorization message is not valid.', 400);
  return { DecodedMessage: JSON.stringify(details) };
}
