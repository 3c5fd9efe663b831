/** GetAccessKeyInfo on the handler: the owner's account for keys Kiln issued, the caller's otherwise. */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ACCOUNT, handlerHarness } from '../../../../test/helpers/handler-context.js';
import { ACCESS_KEY_INDEX, GLOBAL_SCOPE } from '../../iam/domain/access-keys.js';
import { CreateAccessKey } from '../../iam/ops/CreateAccessKey.js';
import { CreateUser } from '../../iam/ops/CreateUser.js';
import { GetAccessKeyInfo } from './GetAccessKeyInfo.js';
import { GetSessionToken } from './GetSessionToken.js';

describe('GetAccessKeyInfo', () => {
  const h = handlerHarness();
  after(() => h.close());

  it('answers the account of IAM keys and session keys Kiln issued, and the caller\'s account for any other id', async () => {
    await h.root((ctx) => CreateUser({ UserName: 'alice' }, ctx));
    const { AccessKey } = await h.root((ctx) => CreateAccessKey({ UserName: 'alice' }, ctx));
    assert.deepEqual(await h.root((ctx) => GetAccessKeyInfo({ AccessKeyId: AccessKey!.AccessKeyId }, ctx)), { Account: ACCOUNT });
    // A key of another account (written directly: Kiln's API serves one account at a time).
    await h.store.tx((tx) => tx.put(ACCESS_KEY_INDEX, GLOBAL_SCOPE, 'AKIAOTHERACCOUNT0001', { scope: 'aws/210987654321', userName: 'bob' }));
    assert.deepEqual(await h.root((ctx) => GetAccessKeyInfo({ AccessKeyId: 'AKIAOTHERACCOUNT0001' }, ctx)), { Account: '210987654321' });
    const { Credentials } = await h.root((ctx) => GetSessionToken({}, ctx));
    assert.deepEqual(await h.root((ctx) => GetAccessKeyInfo({ AccessKeyId: Credentials!.AccessKeyId }, ctx)), { Account: ACCOUNT });
    assert.deepEqual(await h.root((ctx) => GetAccessKeyInfo({ AccessKeyId: 'AKIAIOSFODNN7EXAMPLE' }, ctx)), { Account: ACCOUNT });
  });
});
