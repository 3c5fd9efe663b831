/**
 * Kiln as a library: start it inside your own tests, as moto's `mock_aws` is used in Python.
 *
 *   const kiln = await startKiln();
 *   const iam = new IAMClient({ endpoint: kiln.endpoint, region: kiln.region, credentials: kiln.credentials });
 *   ...
 *   await kiln.close();
 */
import { ManualClock, type Clock } from './kernel/clock.js';
import { createLogger } from './kernel/log.js';
import { resolveConfig, type KilnConfig } from './server/config.js';
import { startServer } from './server/server.js';

export { ManualClock, OffsetClock, SystemClock, type Clock } from './kernel/clock.js';
export type { KilnConfig } from './server/config.js';

export interface StartKilnOptions extends Partial<KilnConfig> {
  /** `'manual'` for a ManualClock that stands still until you move it, or any Clock. */
  clock?: 'system' | 'manual' | Clock;
  /**
   * What request signatures' times are checked against (15 minutes either way): the system clock
   * unless given, however Kiln's own clock is moved, since clients sign with theirs.
   */
  signatureClock?: Clock;
}

export interface Kiln {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  clock: Clock;
  /** Deletes all state. */
  reset(): Promise<void>;
  /** Runs every background task that is due by Kiln's clock (after moving a manual clock, say). */
  runUntilIdle(): Promise<void>;
  close(): Promise<void>;
}

/** Starts Kiln on a free loopback port with in-memory state (unless told otherwise). */
export async function startKiln(options: StartKilnOptions = {}): Promise<Kiln> {
  const { clock: clockOption, signatureClock, ...overrides } = options;
  const config = resolveConfig({ port: 0, ephemeral: true, logLevel: 'warn', ...overrides }, {});
  const clock = clockOption === 'manual' ? new ManualClock(new Date()) : clockOption === 'system' ? undefined : clockOption;
  const running = await startServer(config, { clock, signatureClock, log: createLogger(config.logLevel) });
  return {
    endpoint: running.url,
    region: config.region,
    credentials: { accessKeyId: config.rootAccessKeyId, secretAccessKey: config.rootSecretAccessKey },
    clock: running.clock,
    reset: () => running.store.reset(),
    runUntilIdle: () => running.engine.runUntilIdle(),
    close: () => running.close(),
  };
}
