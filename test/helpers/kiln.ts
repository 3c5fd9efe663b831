/** Starts a Kiln for a test file and builds real AWS SDK v3 clients pointed at it. */
import { IAMClient } from '@aws-sdk/client-iam';
import { ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import { STSClient } from '@aws-sdk/client-sts';
import { startKiln, type Kiln, type StartKilnOptions } from '../../src/index.js';

export interface TestKiln extends Kiln {
  iam: IAMClient;
  sts: STSClient;
  imagebuilder: ImagebuilderClient;
  /** An Image Builder client for another region of the same Kiln (destroyed with close()). */
  imagebuilderIn(region: string): ImagebuilderClient;
  /** Environment for the `aws` CLI and boto3 as subprocesses (use async spawn, never spawnSync: the server runs in this process). */
  env: NodeJS.ProcessEnv;
}

export async function startTestKiln(options: StartKilnOptions = {}): Promise<TestKiln> {
  const kiln = await startKiln({ logLevel: 'silent', ...options });
  const config = { endpoint: kiln.endpoint, region: kiln.region, credentials: kiln.credentials, maxAttempts: 1 };
  const regional: ImagebuilderClient[] = [];
  return {
    ...kiln,
    imagebuilderIn: (region) => {
      const client = new ImagebuilderClient({ ...config, region });
      regional.push(client);
      return client;
    },
    close: async () => {
      for (const client of regional) client.destroy();
      await kiln.close();
    },
    iam: new IAMClient({ ...config, region: 'us-east-1' }),
    sts: new STSClient(config),
    imagebuilder: new ImagebuilderClient(config),
    env: {
      ...process.env,
      AWS_ACCESS_KEY_ID: kiln.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: kiln.credentials.secretAccessKey,
      AWS_DEFAULT_REGION: kiln.region,
      AWS_ENDPOINT_URL: kiln.endpoint,
      AWS_PAGER: '',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    },
  };
}
