/** Every sts operation in the model, and the file that implements it (or notImplemented). */
import type { StsOperations } from '../../generated/sts.js';
import { GetCallerIdentity } from './ops/GetCallerIdentity.js';
import { notImplemented, type HandlerMap } from '../types.js';

export const stsHandlers = {
  AssumeRole: notImplemented,
  AssumeRoleWithSAML: notImplemented,
  AssumeRoleWithWebIdentity: notImplemented,
  AssumeRoot: notImplemented,
  DecodeAuthorizationMessage: notImplemented,
  GetAccessKeyInfo: notImplemented,
  GetCallerIdentity,
  GetDelegatedAccessToken: notImplemented,
  GetFederationToken: notImplemented,
  GetSessionToken: notImplemented,
  GetWebIdentityToken: notImplemented,
} satisfies HandlerMap<StsOperations>;
