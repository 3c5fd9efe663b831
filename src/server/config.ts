/** Kiln's settings: defaults, then KILN_* environment variables, then command-line flags. */
import type { LogLevel } from '../kernel/log.js';

export type AuthMode = 'open' | 'strict';
/** Whether IAM policies decide requests: enforce (deny with AccessDenied), log (allow, but log what would be denied), off. */
export type IamEnforcement = 'enforce' | 'log' | 'off';

export interface KilnConfig {
  host: string;
  port: number;
  /** Where the SQLite file lives; ignored when `ephemeral`. */
  dataDir: string;
  ephemeral: boolean;
  auth: AuthMode;
  iamEnforcement: IamEnforcement;
  accountId: string;
  region: string;
  rootAccessKeyId: string;
  rootSecretAccessKey: string;
  logLevel: LogLevel;
  /** Requests with a larger body are refused with 413. */
  maxBodyBytes: number;
  /** Enables POST /_kiln/clock. */
  clockControl: boolean;
  /** Service-linked role deletion tasks: NOT_STARTED for this long, IN_PROGRESS for the next, records kept for the last. */
  slrDeletionStartMs: number;
  slrDeletionRunMs: number;
  slrDeletionRetentionMs: number;
  /** Image builds: how long an image stays PENDING, BUILDING, TESTING, DISTRIBUTING and INTEGRATING. */
  buildPendingMs: number;
  buildBuildingMs: number;
  buildTestingMs: number;
  buildDistributingMs: number;
  buildIntegratingMs: number;
  /** Lifecycle executions: how long each resource's action (deprecate, disable, delete) takes. */
  lifecycleActionMs: number;
}

export const DEFAULT_CONFIG: KilnConfig = {
  host: '127.0.0.1',
  port: 4566,
  dataDir: '.kiln',
  ephemeral: false,
  auth: 'open',
  iamEnforcement: 'enforce',
  accountId: '123456789012',
  region: 'us-east-1',
  rootAccessKeyId: 'test',
  rootSecretAccessKey: 'test',
  logLevel: 'info',
  maxBodyBytes: 2 * 1024 * 1024,
  clockControl: false,
  slrDeletionStartMs: 500,
  slrDeletionRunMs: 1000,
  slrDeletionRetentionMs: 10 * 60 * 1000,
  buildPendingMs: 1000,
  buildBuildingMs: 4000,
  buildTestingMs: 2000,
  buildDistributingMs: 2000,
  buildIntegratingMs: 1000,
  lifecycleActionMs: 1000,
};

/** The environment variable for each setting, e.g. KILN_PORT, KILN_DATA_DIR, KILN_AUTH. */
export const ENV_NAMES: Record<keyof KilnConfig, string> = {
  host: 'KILN_HOST', port: 'KILN_PORT', dataDir: 'KILN_DATA_DIR', ephemeral: 'KILN_EPHEMERAL', auth: 'KILN_AUTH',
  iamEnforcement: 'KILN_IAM_ENFORCEMENT', accountId: 'KILN_ACCOUNT_ID', region: 'KILN_REGION', rootAccessKeyId: 'KILN_ROOT_ACCESS_KEY_ID',
  rootSecretAccessKey: 'KILN_ROOT_SECRET_ACCESS_KEY', logLevel: 'KILN_LOG_LEVEL', maxBodyBytes: 'KILN_MAX_BODY_BYTES',
  clockControl: 'KILN_CLOCK_CONTROL', slrDeletionStartMs: 'KILN_SLR_DELETION_START_MS',
  slrDeletionRunMs: 'KILN_SLR_DELETION_RUN_MS', slrDeletionRetentionMs: 'KILN_SLR_DELETION_RETENTION_MS',
  buildPendingMs: 'KILN_BUILD_PENDING_MS', buildBuildingMs: 'KILN_BUILD_BUILDING_MS', buildTestingMs: 'KILN_BUILD_TESTING_MS',
  buildDistributingMs: 'KILN_BUILD_DISTRIBUTING_MS', buildIntegratingMs: 'KILN_BUILD_INTEGRATING_MS',
  lifecycleActionMs: 'KILN_LIFECYCLE_ACTION_MS',
};

export class ConfigError extends Error {}

/** Checks and converts one raw setting (from the environment or a flag). */
export function coerceSetting<K extends keyof KilnConfig>(key: K, raw: string): KilnConfig[K] {
  const fail = (expected: string) => new ConfigError(`Invalid ${key} '${raw}': expected ${expected}.`);
  switch (key) {
    case 'port': case 'maxBodyBytes': case 'slrDeletionStartMs': case 'slrDeletionRunMs': case 'slrDeletionRetentionMs':
    case 'buildPendingMs': case 'buildBuildingMs': case 'buildTestingMs': case 'buildDistributingMs': case 'buildIntegratingMs':
    case 'lifecycleActionMs': {
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 0 || (key === 'port' && n > 65535)) throw fail('a whole number' + (key === 'port' ? ' from 0 to 65535' : ''));
      return n as KilnConfig[K];
    }
    case 'ephemeral': case 'clockControl':
      if (!['true', 'false', '1', '0'].includes(raw)) throw fail('true or false');
      return (raw === 'true' || raw === '1') as KilnConfig[K];
    case 'auth':
      if (raw !== 'open' && raw !== 'strict') throw fail('open or strict');
      return raw as KilnConfig[K];
    case 'iamEnforcement':
      if (raw !== 'enforce' && raw !== 'log' && raw !== 'off') throw fail('enforce, log or off');
      return raw as KilnConfig[K];
    case 'accountId':
      if (!/^[0-9]{12}$/.test(raw)) throw fail('12 digits');
      return raw as KilnConfig[K];
    case 'logLevel':
      if (!['debug', 'info', 'warn', 'error', 'silent'].includes(raw)) throw fail('debug, info, warn, error or silent');
      return raw as KilnConfig[K];
    default:
      return raw as KilnConfig[K];
  }
}

/** Defaults overlaid with the environment, then with explicit overrides. */
export function resolveConfig(overrides: Partial<KilnConfig> = {}, env: NodeJS.ProcessEnv = process.env): KilnConfig {
  const config: KilnConfig = { ...DEFAULT_CONFIG };
  for (const key of Object.keys(ENV_NAMES) as (keyof KilnConfig)[]) {
    const raw = env[ENV_NAMES[key]];
    if (raw !== undefined && raw !== '') (config as unknown as Record<string, unknown>)[key] = coerceSetting(key, raw);
  }
  for (const [key, value] of Object.entries(overrides)) if (value !== undefined) (config as unknown as Record<string, unknown>)[key] = value;
  return config;
}
