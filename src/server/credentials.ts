/**
 * Which secret and principal an access key id stands for: the root key, a key made by IAM
 * CreateAccessKey, or temporary credentials from STS (AssumeRole, GetSessionToken).
 */
import { rootPrincipal, type Credential, type CredentialLookup } from './authn.js';
import type { KilnConfig } from './config.js';
import type { Store } from '../store/types.js';
import type { Clock } from '../kernel/clock.js';
import type { Logger } from '../kernel/log.js';
import { DerivedCache } from '../store/derived-cache.js';
import { ACCESS_KEY_LOOKUP_COLLECTIONS, lookupAccessKey, markAccessKeyUsed, userPrincipal } from '../services/iam/domain/access-keys.js';
import { SESSION_LOOKUP_COLLECTIONS, findSessionByAccessKey, readSessionToken, type SessionRecord } from '../services/sts/public.js';

/** A key's last use is written at most this often, so that signing with it does not cost a write per request. */
const LAST_USED_GRANULARITY_MS = 60_000;

/**
 * Temporary credentials: the request must carry the session's own token (else 'invalid', which
 * authn answers InvalidClientTokenId), and they work until their expiry by Kiln's clock.
 */
function sessionCredential(session: SessionRecord, securityToken: string | undefined, now: Date): Credential | 'invalid' | 'expired' {
  if (securityToken !== session.sessionToken) return 'invalid';
  if (now.getTime() >= Date.parse(session.expiration)) return 'expired';
  const credential: Credential = { secretAccessKey: session.secretAccessKey, principal: session.principal };
  if (session.kind === 'session-token') credential.refusedServices = ['iam'];
  return credential;
}

/**
 * A key Kiln does not know, signed with a Kiln session token for that very key that has expired:
 * the session was removed after its expiry, and AWS still answers ExpiredToken for it.
 */
function expiredTokenOf(accessKeyId: string, securityToken: string | undefined, now: Date): boolean {
  const token = securityToken === undefined ? undefined : readSessionToken(securityToken);
  return token !== undefined && token.accessKeyId === accessKeyId && now.getTime() >= token.expiration.getTime();
}

export function credentialLookup(config: KilnConfig, store: Store, clock: Clock, log: Logger): CredentialLookup {
  const lastRecorded = new Map<string, number>();
  // Every signed request looks its key up: kept until IAM or STS change what the lookup read.
  const accessKeys = new DerivedCache<Awaited<ReturnType<typeof lookupAccessKey>>>(store, ACCESS_KEY_LOOKUP_COLLECTIONS);
  const sessions = new DerivedCache<SessionRecord | undefined>(store, SESSION_LOOKUP_COLLECTIONS);
  return async (accessKeyId, partition, securityToken) => {
    if (accessKeyId === config.rootAccessKeyId) {
      return { secretAccessKey: config.rootSecretAccessKey, principal: rootPrincipal(partition, config.accountId, accessKeyId) };
    }
    if (accessKeyId.startsWith('ASIA')) {
      const session = await sessions.get(accessKeyId, () => store.tx((tx) => findSessionByAccessKey(tx, accessKeyId)));
      if (session) return sessionCredential(session, securityToken, clock.now());
      return expiredTokenOf(accessKeyId, securityToken, clock.now()) ? 'expired' : undefined;
    }
    const found = await accessKeys.get(accessKeyId, () => store.tx((tx) => lookupAccessKey(tx, accessKeyId)));
    if (!found) return undefined;
    // A deactivated key is refused even in open mode, where an unknown key would act as root.
    if (found.key.Status !== 'Active') return 'invalid';
    return {
      secretAccessKey: found.key.SecretAccessKey,
      principal: userPrincipal(found.user, accessKeyId),
      recordUse: ({ serviceName, region }) => {
        const now = clock.now();
        if (now.getTime() - (lastRecorded.get(accessKeyId) ?? -Infinity) < LAST_USED_GRANULARITY_MS) return;
        lastRecorded.set(accessKeyId, now.getTime());
        store.tx((tx) => markAccessKeyUsed(tx, accessKeyId, { date: now, serviceName, region }))
          .catch((error) => log.warn('could not record an access key\'s last use', { error: String(error) }));
      },
    };
  };
}
