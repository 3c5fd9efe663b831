/** Issues temporary credentials: an `ASIA…` key, a secret, a session token and their session record. */
import type { Credentials } from '../../../generated/sts.js';
import type { Principal } from '../../../kernel/scope.js';
import type { HandlerContext } from '../../types.js';
import { findSession, mintSessionToken, saveSession, type SessionKind, type SessionRecord } from './sessions.js';

export interface Issued {
  credentials: Credentials;
  session: SessionRecord;
}

/**
 * Creates and stores a session that lasts `durationSeconds` from now (Kiln's clock). `principal`
 * builds what the credentials act as, given the new access key id and the expiry.
 */
export async function issueSession(
  ctx: HandlerContext,
  kind: SessionKind,
  durationSeconds: number,
  principal: (accessKeyId: string, expiration: Date) => Principal,
): Promise<Issued> {
  const now = ctx.clock.now();
  const expiration = new Date(now.getTime() + durationSeconds * 1000);
  const accessKeyId = ctx.ids.accessKeyId('ASIA');
  const session: SessionRecord = {
    kind,
    accessKeyId,
    secretAccessKey: ctx.ids.secretAccessKey(),
    sessionToken: mintSessionToken(accessKeyId, expiration),
    expiration: expiration.toISOString(),
    issued: now.toISOString(),
    principal: principal(accessKeyId, expiration),
  };
  await saveSession(ctx.tx, session, now);
  return {
    session,
    credentials: { AccessKeyId: accessKeyId, SecretAccessKey: session.secretAccessKey, SessionToken: session.sessionToken, Expiration: expiration },
  };
}

/** The session record behind the caller's credentials, when they are temporary credentials Kiln issued. */
export async function callerSession(ctx: HandlerContext): Promise<SessionRecord | undefined> {
  const { accessKeyId } = ctx.scope.principal;
  return accessKeyId.startsWith('ASIA') ? findSession(ctx.tx, accessKeyId) : undefined;
}
