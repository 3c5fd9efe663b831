/**
 * The composition root: the one place that chooses the real store, clock and ids, builds the
 * request pipeline and the background engine, and runs them on node:http.
 */
import { createCallerCache } from './authz.js';
import { DerivedCaches } from '../store/derived-cache.js';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { TaskEngine } from '../engine/tasks.js';
import { OffsetClock, SystemClock, type Clock } from '../kernel/clock.js';
import { RandomIds, type IdGenerator } from '../kernel/ids.js';
import { createLogger, type Logger } from '../kernel/log.js';
import { registerIamTasks } from '../services/iam/tasks.js';
import { registerImageBuilderTasks } from '../services/imagebuilder/tasks.js';
// Registers Image Builder's service-linked-role usage checker with IAM.
import '../services/imagebuilder/slr-usage.js';
import type { ServiceSettings } from '../services/types.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/types.js';
import { createAdmin } from './admin.js';
import { createApp } from './app.js';
import type { KilnConfig } from './config.js';
import { credentialLookup } from './credentials.js';
import { loadServices } from './services.js';

/** How often the engine looks for due background work. */
const TICK_MS = 100;

export interface ServerOptions {
  /** Replaces the system clock (tests pass a ManualClock). */
  clock?: Clock;
  /** Replaces the system clock that request signatures are checked against (AppDeps.signatureClock). */
  signatureClock?: Clock;
  ids?: IdGenerator;
  log?: Logger;
}

export interface RunningServer {
  server: Server;
  url: string;
  store: Store;
  clock: Clock;
  engine: TaskEngine;
  log: Logger;
  close(): Promise<void>;
}

export function settingsOf(config: KilnConfig): ServiceSettings {
  return {
    slrDeletion: { startDelayMs: config.slrDeletionStartMs, runMs: config.slrDeletionRunMs, retentionMs: config.slrDeletionRetentionMs },
    imageBuild: {
      pendingMs: config.buildPendingMs, buildingMs: config.buildBuildingMs, testingMs: config.buildTestingMs,
      distributingMs: config.buildDistributingMs, integratingMs: config.buildIntegratingMs,
    },
    lifecycle: { actionMs: config.lifecycleActionMs },
  };
}

export async function startServer(config: KilnConfig, options: ServerOptions = {}): Promise<RunningServer> {
  const log = options.log ?? createLogger(config.logLevel);
  const controlledClock = !options.clock && config.clockControl ? new OffsetClock() : undefined;
  const clock = options.clock ?? controlledClock ?? new SystemClock();
  const ids = options.ids ?? new RandomIds();
  const store = openSqliteStore(config.ephemeral ? {} : { file: join(config.dataDir, 'kiln.db') });
  const settings = settingsOf(config);
  const engine = new TaskEngine({ store, clock, ids, log });
  registerIamTasks(engine, settings);
  registerImageBuilderTasks(engine, settings);
  const services = loadServices();
  const app = createApp({
    config, store, engine, settings, clock, ids, log, services, enforcement: config.iamEnforcement, callers: createCallerCache(store), remembered: new DerivedCaches(store),
    credentials: credentialLookup(config, store, clock, log),
    signatureClock: options.signatureClock ?? new SystemClock(),
    admin: createAdmin({ store, services, engine, controlledClock }),
  });
  const server = createServer({ keepAliveTimeout: 5000 }, app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const ticker = setInterval(() => engine.tickLogged(), TICK_MS);
  ticker.unref();
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= new Promise<void>((resolve) => {
    clearInterval(ticker);
    // In-flight requests finish; idle keep-alive connections are closed so close() returns promptly.
    server.close(() => resolve());
    server.closeIdleConnections();
  }).then(() => engine.tick()).then(() => {
    engine.stop();
    return store.close();
  }));
  return { server, url: `http://${host}:${port}`, store, clock, engine, log, close };
}
