import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.js';
import { recordRoleUse } from './public.js';
import { ROLES, type RoleRecord } from './domain/roles.js';

describe('IAM public API: recordRoleUse', () => {
  it('sets RoleLastUsed to the date and region of the latest use, and ignores unknown roles', async () => {
    const store = openSqliteStore();
    const role = { RoleName: 'Builder', Path: '/', Tags: [] } as unknown as RoleRecord;
    await store.tx((tx) => tx.put(ROLES, 'aws/123456789012', 'builder', role));
    await store.tx((tx) => recordRoleUse(tx, { partition: 'aws', account: '123456789012', roleName: 'BUILDER', region: 'eu-west-1', date: new Date('2026-03-04T05:06:07Z') }));
    await store.tx((tx) => recordRoleUse(tx, { partition: 'aws', account: '123456789012', roleName: 'missing', region: 'eu-west-1', date: new Date() }));
    const saved = await store.tx((tx) => tx.get<RoleRecord>(ROLES, 'aws/123456789012', 'builder'));
    assert.deepEqual(saved?.RoleLastUsed, { LastUsedDate: '2026-03-04T05:06:07.000Z', Region: 'eu-west-1' });
    assert.equal(await store.tx((tx) => tx.count(ROLES, 'aws/123456789012')), 1);
    await store.close();
  });
});
