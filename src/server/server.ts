/**
 * The composition root: the one place that chooses the real store, clock and ids, builds the
 * request pipeline and runs it on node:http.
 */
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { OffsetClock, SystemClock, type Clock } from '../kernel/clock.js';
import { RandomIds, type IdGenerator } from '../kernel/ids.js';
import { createLogger, type Logger } from '../kernel/log.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/types.js';
import { createAdmin } from './admin.js';
import { createApp } from './app.js';
import { rootPrincipal, type CredentialLookup } from './authn.js';
import type { KilnConfig } from './config.js';
import { loadServices } from './services.js';

export interface ServerOptions {
  /** Replaces the system clock (tests pass a ManualClock). */
  clock?: Clock;
  ids?: IdGenerator;
  log?: Logger;
}

export interface RunningServer {
  server: Server;
  url: string;
  store: Store;
  clock: Clock;
  log: Logger;
  close(): Promise<void>;
}

function rootCredentials(config: KilnConfig): CredentialLookup {
  return async (accessKeyId, partition) =>
    accessKeyId === config.rootAccessKeyId
      ? { secretAccessKey: config.rootSecretAccessKey, principal: rootPrincipal(partition, config.accountId, accessKeyId) }
      : undefined;
}

export async function startServer(config: KilnConfig, options: ServerOptions = {}): Promise<RunningServer> {
  const log = options.log ?? createLogger(config.logLevel);
  const controlledClock = !options.clock && config.clockControl ? new OffsetClock() : undefined;
  const clock = options.clock ?? controlledClock ?? new SystemClock();
  const store = openSqliteStore(config.ephemeral ? {} : { file: join(config.dataDir, 'kiln.db') });
  const services = loadServices();
  const app = createApp({
    config, store, clock, ids: options.ids ?? new RandomIds(), log, services,
    credentials: rootCredentials(config),
    admin: createAdmin({ store, services, controlledClock }),
  });
  const server = createServer({ keepAliveTimeout: 5000 }, app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= new Promise<void>((resolve) => {
    // In-flight requests finish; idle keep-alive connections are closed so close() returns promptly.
    server.close(() => resolve());
    server.closeIdleConnections();
  }).then(() => store.close()));
  return { server, url: `http://${host}:${port}`, store, clock, log, close };
}
