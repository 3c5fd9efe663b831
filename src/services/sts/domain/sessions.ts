/**
 * STS sessions: the temporary credentials AssumeRole and GetSessionToken hand out, and what they
 * stand for.
 *
 * Records: SESSIONS (scope `global`, key = the `ASIA…` access key id) holds the secret, the
 * session token and the full principal the credentials act as; SESSION_EXPIRY (scope `global`,
 * key = `<expiry ms, 15 digits>/<access key id>`) lists them by expiry, so that expired sessions
 * are removed in order, a few at a time, whenever a new session is created (`saveSession`). The
 * table therefore never grows beyond the sessions still valid plus a small backlog, without a
 * background task.
 *
 * Removing an expired session loses nothing: the session token itself carries its access key id
 * and expiry (`readSessionToken`), so a request signed with credentials that expired long ago
 * still answers ExpiredToken, as AWS does, instead of looking like an unknown key.
 */
import { randomBytes } from 'node:crypto';
import type { Principal } from '../../../kernel/scope.js';
import type { Tx } from '../../../store/types.js';

export const SESSIONS = 'sts.sessions';
export const SESSION_EXPIRY = 'sts.sessionExpiry';
export const GLOBAL_SCOPE = 'global';

/** How many expired sessions one new session sweeps away at most. */
const SWEEP_BATCH = 25;

/** Which operation made the session: the two kinds are not allowed the same things. */
export type SessionKind = 'assumed-role' | 'session-token';

export interface SessionRecord {
  kind: SessionKind;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** ISO time after which the credentials answer ExpiredToken. */
  expiration: string;
  /** ISO time the session was created (`aws:TokenIssueTime`). */
  issued: string;
  /** What requests signed with the credentials act as (its accessKeyId is this session's). */
  principal: Principal;
}

function expiryKey(expirationMs: number, accessKeyId: string): string {
  return `${String(Math.max(0, Math.floor(expirationMs))).padStart(15, '0')}/${accessKeyId}`;
}

export async function findSession(tx: Tx, accessKeyId: string): Promise<SessionRecord | undefined> {
  return tx.get<SessionRecord>(SESSIONS, GLOBAL_SCOPE, accessKeyId);
}

/** Stores a new session and sweeps up to SWEEP_BATCH sessions that expired before `now`. */
export async function saveSession(tx: Tx, session: SessionRecord, now: Date): Promise<void> {
  await sweepExpiredSessions(tx, now, SWEEP_BATCH);
  await tx.put(SESSIONS, GLOBAL_SCOPE, session.accessKeyId, session);
  await tx.put(SESSION_EXPIRY, GLOBAL_SCOPE, expiryKey(Date.parse(session.expiration), session.accessKeyId), session.accessKeyId);
}

/** Deletes at most `limit` sessions whose expiry is not after `now`, oldest first; returns how many. */
export async function sweepExpiredSessions(tx: Tx, now: Date, limit: number): Promise<number> {
  const due = await tx.list<string>(SESSION_EXPIRY, GLOBAL_SCOPE, { limit });
  let removed = 0;
  for (const entry of due) {
    const expiresAt = Number(entry.key.slice(0, entry.key.indexOf('/')));
    if (expiresAt > now.getTime()) break;
    await tx.delete(SESSION_EXPIRY, GLOBAL_SCOPE, entry.key);
    await tx.delete(SESSIONS, GLOBAL_SCOPE, entry.value);
    removed++;
  }
  return removed;
}

// ---------------------------------------------------------------------------------------------
// Session tokens
// ---------------------------------------------------------------------------------------------

/**
 * A session token is opaque to clients, as AWS's are (long base64 strings). Kiln's layout:
 * 4 bytes magic, 8 bytes expiry (ms since the epoch, big-endian), 1 byte key id length, the
 * access key id, then random bytes so that it looks and weighs like a real token (~600 chars).
 */
const TOKEN_MAGIC = Buffer.from('KLN1', 'latin1');
const TOKEN_PADDING = 400;

export function mintSessionToken(accessKeyId: string, expiration: Date): string {
  const key = Buffer.from(accessKeyId, 'latin1');
  const expiry = Buffer.alloc(8);
  expiry.writeBigUInt64BE(BigInt(Math.max(0, expiration.getTime())));
  return Buffer.concat([TOKEN_MAGIC, expiry, Buffer.from([key.length]), key, randomBytes(TOKEN_PADDING)]).toString('base64');
}

/** The access key id and expiry a Kiln session token carries, or undefined for any other string. */
export function readSessionToken(token: string): { accessKeyId: string; expiration: Date } | undefined {
  if (token.length < 24 || !/^[A-Za-z0-9+/]+={0,2}$/.test(token)) return undefined;
  const bytes = Buffer.from(token, 'base64');
  if (bytes.length < 13 || !bytes.subarray(0, 4).equals(TOKEN_MAGIC)) return undefined;
  const length = bytes[12];
  if (bytes.length < 13 + length) return undefined;
  const ms = bytes.readBigUInt64BE(4);
  return { accessKeyId: bytes.subarray(13, 13 + length).toString('latin1'), expiration: new Date(Number(ms)) };
}
