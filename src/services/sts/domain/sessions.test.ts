/** Session records and tokens: the token carries its key and expiry; expired sessions are swept as new ones are saved. */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Principal } from '../../../kernel/scope.js';
import { openSqliteStore } from '../../../store/sqlite/sqlite-store.js';
import { SESSIONS, SESSION_EXPIRY, GLOBAL_SCOPE, findSession, mintSessionToken, readSessionToken, saveSession, type SessionRecord } from './sessions.js';

const principal: Principal = { type: 'user', arn: 'arn:aws:iam::123456789012:user/alice', userId: 'AIDA00000000000000001', account: '123456789012', accessKeyId: '', name: 'alice' };

function session(id: string, expiration: string): SessionRecord {
  return {
    kind: 'session-token', accessKeyId: id, secretAccessKey: 's'.repeat(40), sessionToken: mintSessionToken(id, new Date(expiration)),
    expiration, issued: '2026-01-01T00:00:00.000Z', principal: { ...principal, accessKeyId: id },
  };
}

describe('session tokens', () => {
  it('are long opaque base64 that carry the access key id and the expiry', () => {
    const token = mintSessionToken('ASIA0000000000000001', new Date('2026-03-01T13:00:00.000Z'));
    assert.match(token, /^[A-Za-z0-9+/]+=*$/);
    assert.ok(token.length > 500, `length ${token.length}`);
    assert.notEqual(token, mintSessionToken('ASIA0000000000000001', new Date('2026-03-01T13:00:00.000Z')), 'random beyond the header');
    assert.deepEqual(readSessionToken(token), { accessKeyId: 'ASIA0000000000000001', expiration: new Date('2026-03-01T13:00:00.000Z') });
  });

  it('anything else reads as no Kiln token', () => {
    for (const text of ['', 'abc', 'FwoGZXIvYXdzEBYaDHqa0AP1/fake+token==', Buffer.from('KLN1').toString('base64'), 'not base64 at all!!'.repeat(3)]) {
      assert.equal(readSessionToken(text), undefined, text);
    }
  });
});

describe('session records', () => {
  const store = openSqliteStore();
  after(() => store.close());

  it('saving a session sweeps sessions that expired, oldest first, at most a batch at a time', async () => {
    await store.tx(async (tx) => {
      for (let i = 0; i < 30; i++) await saveSession(tx, session(`ASIAOLD${String(i).padStart(13, '0')}`, `2026-01-01T01:${String(i).padStart(2, '0')}:00.000Z`), new Date('2026-01-01T00:00:00.000Z'));
      await saveSession(tx, session('ASIAVALID00000000001', '2026-01-02T00:00:00.000Z'), new Date('2026-01-01T00:00:00.000Z'));
    });
    assert.equal(await store.tx((tx) => tx.count(SESSIONS, GLOBAL_SCOPE)), 31, 'nothing had expired yet');

    await store.tx((tx) => saveSession(tx, session('ASIANEW0000000000001', '2026-01-03T00:00:00.000Z'), new Date('2026-01-01T12:00:00.000Z')));
    assert.equal(await store.tx((tx) => tx.count(SESSIONS, GLOBAL_SCOPE)), 7, '25 of the 30 expired sessions went');
    await store.tx((tx) => saveSession(tx, session('ASIANEW0000000000002', '2026-01-03T00:00:00.000Z'), new Date('2026-01-01T12:00:00.000Z')));
    assert.equal(await store.tx((tx) => tx.count(SESSIONS, GLOBAL_SCOPE)), 3);
    assert.equal(await store.tx((tx) => tx.count(SESSION_EXPIRY, GLOBAL_SCOPE)), 3);
    assert.ok(await store.tx((tx) => findSession(tx, 'ASIAVALID00000000001')));
    assert.equal(await store.tx((tx) => findSession(tx, 'ASIAOLD0000000000029')), undefined);
  });
});
