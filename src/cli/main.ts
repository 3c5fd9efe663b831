#!/usr/bin/env node
/** The `kiln` command: `kiln serve` runs the emulator, `kiln coverage` counts implemented operations. */
import { Command, InvalidArgumentError } from 'commander';
import { coerceSetting, ConfigError, resolveConfig, type KilnConfig } from '../server/config.js';
import { KILN_VERSION } from '../server/admin.js';

function option<K extends keyof KilnConfig>(key: K) {
  return (raw: string): KilnConfig[K] => {
    try {
      return coerceSetting(key, raw);
    } catch (error) {
      throw new InvalidArgumentError((error as Error).message);
    }
  };
}

const program = new Command('kiln').description('A local, wire-compatible EC2 Image Builder, IAM and STS.').version(KILN_VERSION);

program.command('serve')
  .description('Run Kiln on http://localhost:4566 with its state in ./.kiln/')
  .option('--host <host>', 'address to listen on (KILN_HOST)')
  .option('--port <port>', 'port to listen on (KILN_PORT)', option('port'))
  .option('--data-dir <dir>', 'directory for the SQLite state (KILN_DATA_DIR)')
  .option('--ephemeral', 'keep state in memory only (KILN_EPHEMERAL)')
  .option('--auth <mode>', 'open: unknown keys act as root; strict: unknown keys are rejected (KILN_AUTH)', option('auth'))
  .option('--iam-enforcement <mode>', 'enforce: IAM policies decide every request but the root\'s; log: allow, and log what would be denied; off (KILN_IAM_ENFORCEMENT)', option('iamEnforcement'))
  .option('--account-id <id>', 'the default account (KILN_ACCOUNT_ID)', option('accountId'))
  .option('--region <region>', 'the default region (KILN_REGION)')
  .option('--root-access-key-id <id>', "the root user's access key id (KILN_ROOT_ACCESS_KEY_ID)")
  .option('--root-secret-access-key <secret>', "the root user's secret key (KILN_ROOT_SECRET_ACCESS_KEY)")
  .option('--log-level <level>', 'debug, info, warn, error or silent (KILN_LOG_LEVEL)', option('logLevel'))
  .option('--clock-control', 'enable POST /_kiln/clock to move time forward (KILN_CLOCK_CONTROL)')
  .action(async (flags: Partial<KilnConfig>) => {
    let config: KilnConfig;
    try {
      config = resolveConfig(flags);
    } catch (error) {
      if (error instanceof ConfigError) program.error(error.message);
      throw error;
    }
    // Loaded here, not at the top: `kiln --version` and `kiln --help` need none of the server.
    const { startServer } = await import('../server/server.js');
    const running = await startServer(config);
    running.log.info('kiln listening', {
      url: running.url, store: running.store.kind, dataDir: config.ephemeral ? undefined : config.dataDir,
      auth: config.auth, iamEnforcement: config.iamEnforcement, account: config.accountId, region: config.region, clockControl: config.clockControl,
    });
    const stop = (signal: string) => {
      running.log.info('kiln stopping', { signal });
      running.close().then(() => process.exit(0), () => process.exit(1));
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });

program.command('coverage')
  .description('Print <service> <implemented>/<total> for each service')
  .action(async () => {
    const { coverageLines } = await import('../server/services.js');
    for (const line of coverageLines()) console.log(line);
  });

program.parseAsync().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
