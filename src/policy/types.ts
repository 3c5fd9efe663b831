/**
 * The IAM policy language as Kiln's pure engine sees it. Nothing here knows HTTP, the store or a
 * service: callers hand in policy texts and a request context, and get a decision back.
 */
import type { CompiledPolicy } from './compile.js';

export type { CompiledPolicy };

/** Which rules a document is checked against at write time. */
export type PolicyKind = 'identity' | 'resource' | 'trust' | 'boundary' | 'session';

/** A policy to evaluate: its document text as stored, and a label that says where it came from. */
export interface PolicySource {
  /** E.g. `arn:aws:iam::aws:policy/ReadOnlyAccess`, `role/Builder/inline/S3`, `trust:arn:aws:iam::...:role/R`. */
  id: string;
  document: string;
  /**
   * The document already compiled with `compilePolicy(document)`. Optional: without it the engine
   * looks the text up in its own cache (bounded, keyed by the text). Callers that keep policies in
   * memory can keep the compiled form beside them and skip that lookup.
   */
  compiled?: CompiledPolicy;
}

/** Condition-key values of one request. Keys are matched case-insensitively; multi-valued keys are arrays. */
export type ConditionValues = Record<string, string | string[] | undefined>;

export interface RequestContext {
  /** `service:Action`, e.g. `iam:GetRole`. */
  action: string;
  /** The resource ARN the action is on (`*` for actions without one). */
  resource: string;
  /** Who asks. */
  principal: {
    arn: string;
    account: string;
    /** `aws:userid`. */
    userId: string;
    /** `aws:username` (IAM users only). */
    userName?: string;
    type: 'Account' | 'User' | 'AssumedRole' | 'FederatedUser' | 'Service';
    tags?: Record<string, string>;
    /**
     * For an `AssumedRole` session: the ARN of its role (`arn:aws:iam::<acct>:role/<path><name>`).
     * Trust and resource policies that name the role match its sessions, and `aws:PrincipalArn`
     * is this ARN. When absent, the role is matched by account and name from the session ARN.
     */
    roleArn?: string;
    /**
     * For web-identity and SAML requests (`sts:AssumeRoleWithWebIdentity` / `...WithSAML`): the
     * identity provider a `Federated` principal names (`cognito-identity.amazonaws.com`, an OIDC
     * provider host, or a SAML provider ARN).
     */
    federatedProvider?: string;
    /** For `CanonicalUser` principals (S3 only). */
    canonicalUserId?: string;
  };
  /** The account that owns the resource (for cross-account rules). */
  resourceAccount: string;
  /** Every other condition key of the request: aws:SourceIp, aws:CurrentTime, iam:AWSServiceName, ... */
  values: ConditionValues;
}

export interface EvaluationInput {
  request: RequestContext;
  /** The principal's identity-based policies (a user's own and its groups'; a session's role policies). */
  identityPolicies: PolicySource[];
  /** Present when the principal has a permissions boundary. */
  permissionsBoundary?: PolicySource;
  /** Present for sessions created with session policies (`Policy`, `PolicyArns`). */
  sessionPolicies?: PolicySource[];
  /** Resource-based policies of the resource (a role's trust policy for sts:AssumeRole). */
  resourcePolicies?: PolicySource[];
}

export interface MatchedStatement {
  policyId: string;
  /** The statement's Sid, when it has one. */
  sid?: string;
  /** Position of the statement in its policy (0-based). */
  index: number;
  effect: 'Allow' | 'Deny';
  /** Which kind of policy it came from. */
  source: 'identity' | 'boundary' | 'session' | 'resource';
}

export type DecisionKind = 'allowed' | 'explicitDeny' | 'implicitDeny';

export interface Decision {
  decision: DecisionKind;
  /** The statements that decided it: the denying ones for explicitDeny, the allowing ones for allowed. */
  matchedStatements: MatchedStatement[];
  /** Condition keys that statements asked about but the request did not carry. */
  missingContextValues: string[];
  /**
   * For denials, what AWS's message says after `... on resource: <arn>`, e.g.
   * `because no identity-based policy allows the iam:GetRole action` or
   * `with an explicit deny in an identity-based policy`.
   */
  reason?: string;
}
