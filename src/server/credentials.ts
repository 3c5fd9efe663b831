/** Which secret and principal an access key id stands for: the root key, or a key made by IAM CreateAccessKey. */
import { rootPrincipal, type CredentialLookup } from './authn.js';
import type { KilnConfig } from './config.js';
import type { Store } from '../store/types.js';
import type { Clock } from '../kernel/clock.js';
import type { Logger } from '../kernel/log.js';
import { lookupAccessKey, markAccessKeyUsed, userPrincipal } from '../services/iam/domain/access-keys.js';

/** A key's last use is written at most this often, so that signing with it does not cost a write per request. */
const LAST_USED_GRANULARITY_MS = 60_000;

export function credentialLookup(config: KilnConfig, store: Store, clock: Clock, log: Logger): CredentialLookup {
  const lastRecorded = new Map<string, number>();
  return async (accessKeyId, partition) => {
    if (accessKeyId === config.rootAccessKeyId) {
      return { secretAccessKey: config.rootSecretAccessKey, principal: rootPrincipal(partition, config.accountId, accessKeyId) };
    }
    const found = await store.tx((tx) => lookupAccessKey(tx, accessKeyId));
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
