/**
 * STS GetSessionToken: temporary credentials for an IAM user or the account root, acting as
 * that same identity with its own permissions (IAM User Guide, "Permissions for GetSessionToken").
 *
 * - No permission is needed: "You cannot use policies to control authentication operations."
 * - Only long-term credentials may call it: `AccessDenied: Cannot call GetSessionToken with
 *   session credentials` (403, as reported from real AWS).
 * - DurationSeconds 900..129,600 (the model checks the range), default 43,200; the root's
 *   sessions last at most one hour: "If the duration is longer than one hour, the session for
 *   Amazon Web Services account owners defaults to one hour" (API reference).
 * - Kiln has no MFA devices, so the credentials never carry MFA context; like AWS's, they then
 *   cannot call IAM (authn answers InvalidClientTokenId; see server/credentials.ts).
 */
import type { GetSessionTokenRequest, GetSessionTokenResponse } from '../../../generated/sts.js';
import { AwsError } from '../../../kernel/errors.js';
import type { HandlerContext } from '../../types.js';
import { callerSession, issueSession } from '../domain/issue.js';

const DEFAULT_DURATION = 43_200;
const ROOT_MAX_DURATION = 3600;

export async function GetSessionToken(input: GetSessionTokenRequest, ctx: HandlerContext): Promise<GetSessionTokenResponse> {
  const caller = ctx.scope.principal;
  if (caller.type === 'assumed-role' || (await callerSession(ctx)) !== undefined) {
    throw new AwsError('AccessDenied', 'Cannot call GetSessionToken with session credentials', 403);
  }
  const requested = input.DurationSeconds ?? DEFAULT_DURATION;
  const duration = caller.type === 'root' ? Math.min(requested, ROOT_MAX_DURATION) : requested;
  const { credentials } = await issueSession(ctx, 'session-token', duration, (accessKeyId) => ({ ...caller, accessKeyId }));
  return { Credentials: credentials };
}
