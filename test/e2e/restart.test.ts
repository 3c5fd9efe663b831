/**
 * Kiln as a real process (`node dist/cli/main.js`, so run `npm run build` first): state in
 * --data-dir survives a restart, --ephemeral state does not, the admin endpoints answer, and
 * the `coverage` command and flag checking behave.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateRoleCommand, GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateComponentCommand, GetComponentCommand, ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import { TRUST_POLICY } from '../helpers/fixtures.js';

const MAIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));


const COMPONENT_YAML = `name: Restart
schemaVersion: 1.0
phases:
  - name: build
    steps:
      - name: Hello
        action: ExecuteBash
        inputs:
          commands:
            - echo hello
`;

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface KilnProcess {
  url: string;
  child: ChildProcess;
  exited: Promise<Exit>;
  output: () => string;
  iam: IAMClient;
  imagebuilder: ImagebuilderClient;
  /** Sends SIGTERM and waits for the process to exit. */
  stop(): Promise<Exit>;
}

const running = new Set<KilnProcess>();
const tempDirs: string[] = [];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kiln-e2e-'));
  tempDirs.push(dir);
  return dir;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts `kiln serve` with the given flags on a free port and waits until /_kiln/health answers 200. */
async function startKilnProcess(flags: string[]): Promise<KilnProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [MAIN, 'serve', '--port', String(port), '--log-level', 'warn', ...flags], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let hasExited = false;
  void exited.then(() => (hasExited = true));

  const deadline = Date.now() + 20_000;
  for (;;) {
    if (hasExited) throw new Error(`kiln exited before it was healthy:\n${output}`);
    try {
      const response = await fetch(`${url}/_kiln/health`);
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`kiln did not become healthy within 20s:\n${output}`);
    }
    await sleep(100);
  }

  const config = { endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 };
  const kiln: KilnProcess = {
    url, child, exited, output: () => output,
    iam: new IAMClient(config),
    imagebuilder: new ImagebuilderClient(config),
    async stop() {
      kiln.iam.destroy();
      kiln.imagebuilder.destroy();
      if (!hasExited) child.kill('SIGTERM');
      const exit = await exited;
      running.delete(kiln);
      return exit;
    },
  };
  running.add(kiln);
  return kiln;
}

/** Runs `node dist/cli/main.js <args>` to completion (asynchronously) and returns its exit code and output. */
function runKilnCommand(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [MAIN, ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}

function createRole(kiln: KilnProcess, name: string) {
  return kiln.iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: TRUST_POLICY, Description: 'survives restarts' }));
}

async function createComponent(kiln: KilnProcess, name: string): Promise<string> {
  const created = await kiln.imagebuilder.send(new CreateComponentCommand({ name, semanticVersion: '1.0.0', platform: 'Linux', data: COMPONENT_YAML }));
  assert.ok(created.componentBuildVersionArn);
  return created.componentBuildVersionArn;
}

/** Asserts the promise rejects with the given AWS error code and HTTP status. */
async function assertAwsError(promise: Promise<unknown>, name: string, status: number): Promise<void> {
  await assert.rejects(promise, (error: any) => {
    assert.equal(error.name, name);
    assert.equal(error.$metadata?.httpStatusCode, status);
    return true;
  });
}

after(async () => {
  for (const kiln of [...running]) {
    kiln.child.kill('SIGKILL');
    await kiln.exited;
  }
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true });
});

describe('kiln serve as a process', () => {
  it('keeps roles and components in --data-dir across a SIGTERM restart', async () => {
    const dataDir = join(await tempDir(), 'state');

    const first = await startKilnProcess(['--data-dir', dataDir]);
    const health = await (await fetch(`${first.url}/_kiln/health`)).json();
    assert.equal(health.store, 'sqlite');
    const role = (await createRole(first, 'SurvivorRole')).Role!;
    const componentArn = await createComponent(first, 'Survivor Component');

    const exit = await first.stop();
    assert.deepEqual(exit, { code: 0, signal: null }, `kiln should exit cleanly on SIGTERM; output:\n${first.output()}`);
    assert.ok(existsSync(join(dataDir, 'kiln.db')), 'the SQLite file is in the data dir');

    const second = await startKilnProcess(['--data-dir', dataDir]);
    const fetchedRole = (await second.iam.send(new GetRoleCommand({ RoleName: 'SurvivorRole' }))).Role!;
    assert.equal(fetchedRole.Arn, role.Arn);
    assert.equal(fetchedRole.RoleId, role.RoleId);
    assert.equal(fetchedRole.Description, 'survives restarts');
    assert.deepEqual(JSON.parse(decodeURIComponent(fetchedRole.AssumeRolePolicyDocument!)), JSON.parse(TRUST_POLICY));

    const component = (await second.imagebuilder.send(new GetComponentCommand({ componentBuildVersionArn: componentArn }))).component!;
    assert.equal(component.arn, componentArn);
    assert.equal(component.name, 'Survivor Component');
    assert.equal(component.data, COMPONENT_YAML);

    // Building on the restored state continues where it left off.
    assert.equal(await createComponent(second, 'Survivor Component'), componentArn.replace(/\/1$/, '/2'));

    assert.deepEqual(await second.stop(), { code: 0, signal: null });
  });

  it('forgets everything across restarts with --ephemeral, and writes no file', async () => {
    const dataDir = join(await tempDir(), 'state');

    const first = await startKilnProcess(['--ephemeral', '--data-dir', dataDir]);
    const health = await (await fetch(`${first.url}/_kiln/health`)).json();
    assert.equal(health.store, 'sqlite-memory');
    await createRole(first, 'EphemeralRole');
    const componentArn = await createComponent(first, 'Ephemeral Component');
    await first.iam.send(new GetRoleCommand({ RoleName: 'EphemeralRole' }));
    assert.deepEqual(await first.stop(), { code: 0, signal: null });
    assert.ok(!existsSync(join(dataDir, 'kiln.db')), 'an ephemeral server writes no SQLite file');

    const second = await startKilnProcess(['--ephemeral', '--data-dir', dataDir]);
    await assertAwsError(second.iam.send(new GetRoleCommand({ RoleName: 'EphemeralRole' })), 'NoSuchEntityException', 404);
    await assertAwsError(second.imagebuilder.send(new GetComponentCommand({ componentBuildVersionArn: componentArn })), 'ResourceNotFoundException', 404);
    assert.deepEqual(await second.stop(), { code: 0, signal: null });
  });
});

describe('admin endpoints', () => {
  let kiln: KilnProcess;

  before(async () => {
    kiln = await startKilnProcess(['--data-dir', join(await tempDir(), 'state')]);
  });

  after(async () => {
    await kiln?.stop();
  });

  for (const path of ['/_kiln/reset', '/moto-api/reset']) {
    it(`POST ${path} wipes all state`, async () => {
      await createRole(kiln, 'DoomedRole');
      const componentArn = await createComponent(kiln, 'Doomed Component');

      const response = await fetch(`${kiln.url}${path}`, { method: 'POST' });
      assert.equal(response.status, 200);
      await response.arrayBuffer();

      await assertAwsError(kiln.iam.send(new GetRoleCommand({ RoleName: 'DoomedRole' })), 'NoSuchEntityException', 404);
      await assertAwsError(kiln.imagebuilder.send(new GetComponentCommand({ componentBuildVersionArn: componentArn })), 'ResourceNotFoundException', 404);

      // The name is free again, and the next component starts from build 1.
      await createRole(kiln, 'DoomedRole');
      assert.equal(await createComponent(kiln, 'Doomed Component'), componentArn);
      await fetch(`${kiln.url}${path}`, { method: 'POST' }).then((r) => r.arrayBuffer());
    });
  }

  it('GET /_kiln/health reports the version, per-service coverage and the store', async () => {
    const response = await fetch(`${kiln.url}/_kiln/health`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /application\/json/);
    const health = await response.json();

    assert.equal(typeof health.version, 'string');
    assert.match(health.version, /^\d+\.\d+\.\d+/);
    assert.equal(health.store, 'sqlite');
    assert.deepEqual(Object.keys(health.services).sort(), ['iam', 'imagebuilder', 'sts']);
    const totals = { iam: 176, sts: 11, imagebuilder: 77 } as const;
    for (const [service, total] of Object.entries(totals)) {
      const counts = health.services[service];
      assert.equal(counts.total, total, `${service} total`);
      assert.ok(Number.isInteger(counts.implemented) && counts.implemented >= 1 && counts.implemented <= total, `${service} implemented ${counts.implemented}`);
    }

    // The same counts as `kiln coverage` prints.
    const coverage = (await runKilnCommand(['coverage'])).stdout.trimEnd().split('\n');
    assert.deepEqual(coverage.sort(), Object.entries(health.services as Record<string, { implemented: number; total: number }>)
      .map(([service, c]) => `${service} ${c.implemented}/${c.total}`).sort());
  });
});

describe('kiln command line', () => {
  it('`coverage` prints one <service> <implemented>/<total> line per service', async () => {
    const result = await runKilnCommand(['coverage']);
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 3, result.stdout);
    const totals: Record<string, number> = {};
    for (const line of lines) {
      const match = /^(iam|sts|imagebuilder) (\d+)\/(\d+)$/.exec(line);
      assert.ok(match, `unexpected coverage line: ${JSON.stringify(line)}`);
      assert.ok(Number(match[2]) <= Number(match[3]), line);
      totals[match[1]] = Number(match[3]);
    }
    assert.deepEqual(totals, { iam: 176, sts: 11, imagebuilder: 77 });
  });

  it('`serve --auth bogus` exits non-zero and says which value is wrong', async () => {
    const result = await runKilnCommand(['serve', '--auth', 'bogus', '--ephemeral', '--port', '0']);
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /bogus/);
    assert.match(result.stderr, /--auth/);
    assert.match(result.stderr, /open or strict/);
  });
});
