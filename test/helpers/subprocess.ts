/**
 * The `aws` CLI and boto3 as real subprocesses. Kiln runs in the test's own process, so these
 * spawn asynchronously: a synchronous spawn would block the server and deadlock.
 */
import { execFile } from 'node:child_process';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `aws <args> --output json`; never throws on a non-zero exit. */
export function runAws(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    execFile('aws', [...args, '--output', 'json'], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}

/** Shared by every boto3 script: `args`, `out(value)`, and `error(e)` for a botocore ClientError. */
const PYTHON_PRELUDE = `
import json, sys
import boto3
from botocore.exceptions import ClientError

args = json.loads(sys.argv[1])

def out(value):
    print(json.dumps(value, default=str))

def error(e):
    return {'Error': e.response['Error'], 'HTTPStatusCode': e.response['ResponseMetadata']['HTTPStatusCode']}
`;

/** Runs the prelude + `script` with `python3 -c`, JSON `args` as argv[1]; returns the JSON it printed. */
export function runBoto3(script: string, args: unknown, env: NodeJS.ProcessEnv): Promise<any> {
  return new Promise((resolve, reject) => {
    execFile('python3', ['-c', PYTHON_PRELUDE + script, JSON.stringify(args)], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`python3 failed (${error.code}): ${stderr}`));
      else {
        try {
          resolve(JSON.parse(stdout));
        } catch {
          reject(new Error(`python3 printed no JSON: ${stdout}\n${stderr}`));
        }
      }
    });
  });
}
