import type { GetAccountSummaryResponse, SummaryKeyType } from '../../../generated/iam.js';
import type { HandlerContext } from '../../types.js';
import { GROUPS, INSTANCE_PROFILES, POLICIES, POLICY_ATTACHMENTS, USERS } from '../domain/entities.js';
import { ROLES } from '../domain/roles.js';
import { iamScope } from '../domain/scope.js';

/**
 * IAM's quotas as GetAccountSummary reports them today (LocalStack snapshot recorded against AWS,
 * February 2026; the same values as the IAM User Guide's quota table).
 */
const QUOTAS = {
  UsersQuota: 5000,
  GroupsQuota: 300,
  RolesQuota: 1000,
  PoliciesQuota: 1500,
  InstanceProfilesQuota: 1000,
  ServerCertificatesQuota: 20,
  AccessKeysPerUserQuota: 2,
  SigningCertificatesPerUserQuota: 2,
  GroupsPerUserQuota: 10,
  AttachedPoliciesPerUserQuota: 10,
  AttachedPoliciesPerGroupQuota: 10,
  AttachedPoliciesPerRoleQuota: 10,
  UserPolicySizeQuota: 2048,
  GroupPolicySizeQuota: 5120,
  RolePolicySizeQuota: 10240,
  AssumeRolePolicySizeQuota: 2048,
  PolicySizeQuota: 6144,
  VersionsPerPolicyQuota: 5,
  PolicyVersionsInUseQuota: 10000,
} satisfies Partial<Record<SummaryKeyType, number>>;

/** Every key of the model's summaryKeyType: the quotas above and what the store holds now. */
export async function GetAccountSummary(_input: unknown, ctx: HandlerContext): Promise<GetAccountSummaryResponse> {
  const scope = iamScope(ctx.scope);
  const count = (collection: string) => ctx.tx.count(collection, scope);
  const summary: Record<SummaryKeyType, number> = {
    ...QUOTAS,
    Users: await count(USERS),
    Groups: await count(GROUPS),
    Roles: await count(ROLES),
    Policies: await count(POLICIES),
    InstanceProfiles: await count(INSTANCE_PROFILES),
    // One per attachment of a managed policy (AWS or customer) to a user, group or role.
    PolicyVersionsInUse: await count(POLICY_ATTACHMENTS),
    // Kiln keeps none of these yet.
    ServerCertificates: 0,
    MFADevices: 0,
    MFADevicesInUse: 0,
    Providers: 0,
    AccountMFAEnabled: 0,
    AccountPasswordPresent: 0,
    AccountSigningCertificatesPresent: 0,
    // The account's root user is reached through an access key (the configured root key).
    AccountAccessKeysPresent: 1,
    // SetSecurityTokenServicePreferences is not implemented: regional-style v1 tokens.
    GlobalEndpointTokenVersion: 1,
  };
  return { SummaryMap: summary };
}
