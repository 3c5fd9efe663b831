/**
 * Authentication: who signed the request. Verifies SigV4 for every known access key and words
 * each failure in the protocol's own error codes (awsQuery: SignatureDoesNotMatch, ...;
 * restJson: InvalidSignatureException, ...).
 *
 * Temporary credentials (STS sessions) must come with their session token
 * (`X-Amz-Security-Token`): a missing or different token answers InvalidClientTokenId, an
 * expired session ExpiredToken (restJson: ExpiredTokenException), in every auth mode.
 */
import { AwsError } from '../kernel/errors.js';
import { partitionOfRegion, type Partition } from '../kernel/arn.js';
import type { Principal } from '../kernel/scope.js';
import type { ServiceName } from '../protocol/model.js';
import type { AuthMode } from './config.js';
import { SigV4Error, verifySignature, type ParsedSignature, type SignedRequest } from './sigv4.js';

export interface Credential {
  secretAccessKey: string;
  principal: Principal;
  /**
   * For GetSessionToken's credentials: Kiln has no MFA, and without MFA context AWS refuses them
   * for every IAM call ("You cannot call any IAM API operations unless MFA authentication
   * information is included in the request"), with InvalidClientTokenId.
   */
  refusedServices?: readonly ServiceName[];
  /** Called once the request is authenticated, to record the key's last use. */
  recordUse?: (use: { serviceName: string; region: string }) => void;
}

/**
 * Finds the secret and principal of an access key id (root key, IAM access keys, STS sessions),
 * given the request's session token if it has one: undefined for a key Kiln never issued,
 * 'invalid' for one it knows but refuses (an inactive key, a session key without its token),
 * 'expired' for temporary credentials past their expiry.
 */
export type CredentialLookup = (accessKeyId: string, partition: Partition, securityToken?: string) => Promise<Credential | 'invalid' | 'expired' | undefined>;

export type ProtocolKind = 'query' | 'rest-json';

/** The region a global service must be signed for, per partition (botocore endpoints.json credentialScope). */
const GLOBAL_SIGNING_REGION: Record<Partition, string> = { aws: 'us-east-1', 'aws-cn': 'cn-north-1', 'aws-us-gov': 'us-gov-west-1' };

const CODES: Record<ProtocolKind, Record<'missing' | 'incomplete' | 'signature' | 'unknownKey' | 'expired', string>> = {
  query: { missing: 'MissingAuthenticationToken', incomplete: 'IncompleteSignature', signature: 'SignatureDoesNotMatch', unknownKey: 'InvalidClientTokenId', expired: 'ExpiredToken' },
  'rest-json': {
    missing: 'MissingAuthenticationTokenException', incomplete: 'IncompleteSignatureException', signature: 'InvalidSignatureException',
    unknownKey: 'UnrecognizedClientException', expired: 'ExpiredTokenException',
  },
};

const INVALID_TOKEN = 'The security token included in the request is invalid.';
/** AWS's text, without a final full stop (real IAM and STS responses). */
const EXPIRED_TOKEN = 'The security token included in the request is expired';

export function rootPrincipal(partition: Partition, account: string, accessKeyId: string): Principal {
  return { type: 'root', arn: `arn:${partition}:iam::${account}:root`, userId: account, account, accessKeyId };
}

export interface AuthenticateOptions {
  request: SignedRequest;
  signature: ParsedSignature | undefined;
  service: ServiceName;
  protocol: ProtocolKind;
  global: boolean;
  regions?: ReadonlySet<string>;
  mode: AuthMode;
  defaultAccount: string;
  now: Date;
  lookup: CredentialLookup;
}

export interface Authenticated {
  principal: Principal;
  partition: Partition;
  region: string;
}

export function incompleteSignatureError(protocol: ProtocolKind, message: string): AwsError {
  return new AwsError(CODES[protocol].incomplete, message, 400);
}

export async function authenticate(o: AuthenticateOptions): Promise<Authenticated> {
  const codes = CODES[o.protocol];
  const sig = o.signature;
  if (!sig) {
    throw new AwsError(codes.missing, o.protocol === 'query' ? 'Request is missing Authentication Token' : 'Missing Authentication Token', 403);
  }
  if (sig.service !== o.service) {
    throw new AwsError(codes.signature, `Credential should be scoped to correct service: '${o.service}'. `, 403);
  }
  const partition = partitionOfRegion(sig.region);
  if (!partition || (o.global && sig.region !== GLOBAL_SIGNING_REGION[partition]) || (o.regions && !o.regions.has(sig.region))) {
    throw new AwsError(codes.signature, o.protocol === 'query'
      ? `Credential should be scoped to a valid region, not '${sig.region}'. `
      : `The credential must be scoped to a valid region: the service is not offered in '${sig.region}'.`, 403);
  }
  const credential = await o.lookup(sig.accessKeyId, partition, sig.securityToken);
  if (credential === 'invalid') throw new AwsError(codes.unknownKey, INVALID_TOKEN, 403);
  if (credential === 'expired') throw new AwsError(codes.expired, EXPIRED_TOKEN, 403);
  if (!credential) {
    if (o.mode === 'strict') throw new AwsError(codes.unknownKey, INVALID_TOKEN, 403);
    // Open mode: any key acts as the default account's root, so every SDK works unconfigured.
    return { principal: rootPrincipal(partition, o.defaultAccount, sig.accessKeyId), partition, region: sig.region };
  }
  try {
    verifySignature(o.request, sig, credential.secretAccessKey, o.now);
  } catch (error) {
    if (error instanceof SigV4Error) {
      throw error.kind === 'incomplete' ? incompleteSignatureError(o.protocol, error.message) : new AwsError(codes.signature, error.message, 403);
    }
    throw error;
  }
  if (credential.refusedServices?.includes(o.service)) throw new AwsError(codes.unknownKey, INVALID_TOKEN, 403);
  credential.recordUse?.({ serviceName: o.service, region: sig.region });
  return { principal: credential.principal, partition, region: sig.region };
}
