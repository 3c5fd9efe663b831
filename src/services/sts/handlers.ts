/** Every sts operation in the model, and the file that implements it (or notImplemented). */
import type { StsOperations } from '../../generated/sts.js';
import { AssumeRole } from './ops/AssumeRole.js';
import { DecodeAuthorizationMessage } from './ops/DecodeAuthorizationMessage.js';
import { GetAccessKeyInfo } from './ops/GetAccessKeyInfo.js';
import { GetCallerIdentity } from './ops/GetCallerIdentity.js';
import { GetSessionToken } from './ops/GetSessionToken.js';
import { notImplemented, type HandlerMap } from '../types.js';

export const stsHandlers = {
  AssumeRole,
  AssumeRoleWithSAML: notImplemented,
  AssumeRoleWithWebIdentity: notImplemented,
  AssumeRoot: notImplemented,
  DecodeAuthorizationMessage,
  GetAccessKeyInfo,
  GetCallerIdentity,
  GetDelegatedAccessToken: notImplemented,
  GetFederationToken: notImplemented,
  GetSessionToken,
  GetWebIdentityToken: notImplemented,
} satisfies HandlerMap<StsOperations>;
