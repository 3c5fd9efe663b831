/** Which secret and principal an access key id stands for: the root key, or a key made by IAM CreateAccessKey. */
import { rootPrincipal, type CredentialLookup } from './authn.js';
import type { KilnConfig } from './config.js';
import type { Store } from '../store/types.js';
import { lookupAccessKey } from '../services/iam/domain/access-keys.js';

export function credentialLookup(config: KilnConfig, store: Store): CredentialLookup {
  return async (accessKeyId, partition) => {
    if (accessKeyId === config.rootAccessKeyId) {
      return { secretAccessKey: config.rootSecretAccessKey, principal: rootPrincipal(partition, config.accountId, accessKeyId) };
    }
    const found = await store.tx((tx) => lookupAccessKey(tx, accessKeyId));
    if (!found) return undefined;
    // A deactivated key is refused even in open mode, where an unknown key would act as root.
    if (found.key.Status !== 'Active') return 'invalid';
    const account = found.scope.slice(found.scope.indexOf('/') + 1);
    return {
      secretAccessKey: found.key.SecretAccessKey,
      principal: { type: 'user', arn: found.user.Arn, userId: found.user.UserId, account, accessKeyId },
    };
  };
}
