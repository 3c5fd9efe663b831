/** IAM users with limited permissions, for tests of what they may and may not do. */
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import type { TestKiln } from './kiln.js';

export interface LimitedUser {
  arn: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Clients that sign as the user, in the Kiln's default region. */
  imagebuilder: ImagebuilderClient;
  iam: IAMClient;
}

/** An IAM user with an access key and one inline policy of these statements. */
export async function limitedUser(kiln: TestKiln, name: string, statements: object[]): Promise<LimitedUser> {
  const user = (await kiln.iam.send(new CreateUserCommand({ UserName: name }))).User!;
  await kiln.iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'P', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: statements }) }));
  const key = (await kiln.iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
  const credentials = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
  const config = { endpoint: kiln.endpoint, maxAttempts: 1, credentials };
  return {
    arn: user.Arn!, credentials,
    imagebuilder: new ImagebuilderClient({ ...config, region: kiln.region }),
    iam: new IAMClient({ ...config, region: 'us-east-1' }),
  };
}
