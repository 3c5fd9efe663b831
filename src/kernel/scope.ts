import type { Partition } from './arn.js';

/** Who is calling: an account root, an IAM user, or a role session. */
export interface Principal {
  type: 'root' | 'user' | 'assumed-role';
  /** `arn:aws:iam::123456789012:root`, `...:user/alice`, `arn:aws:sts::...:assumed-role/R/s`. */
  arn: string;
  /** The `aws:userid` value: the account id for root, `AIDA...` for a user, `AROA...:session` for a session. */
  userId: string;
  account: string;
  accessKeyId: string;
  /** The IAM user's name, or the role's name for a role session. */
  name?: string;
  /** For role sessions (STS AssumeRole): what the session was created with. */
  session?: RoleSession;
}

export interface RoleSession {
  roleName: string;
  roleArn: string;
  sessionName: string;
  /** Inline session policy (`Policy`) and managed session policies (`PolicyArns`). */
  policy?: string;
  policyArns?: string[];
  tags?: Record<string, string>;
  transitiveTagKeys?: string[];
  sourceIdentity?: string;
  /** ISO time after which the session's credentials answer ExpiredToken. */
  expiration: string;
}

/** What every handler knows about its request, besides its input. */
export interface Scope {
  partition: Partition;
  account: string;
  region: string;
  principal: Principal;
  requestId: string;
}
