/** Every iam operation in the model, and the file that implements it (or notImplemented). */
import type { IamOperations } from '../../generated/iam.js';
import { AddRoleToInstanceProfile } from './ops/AddRoleToInstanceProfile.js';
import { AddUserToGroup } from './ops/AddUserToGroup.js';
import { AttachGroupPolicy } from './ops/AttachGroupPolicy.js';
import { AttachRolePolicy } from './ops/AttachRolePolicy.js';
import { AttachUserPolicy } from './ops/AttachUserPolicy.js';
import { CreateAccessKey } from './ops/CreateAccessKey.js';
import { CreateAccountAlias } from './ops/CreateAccountAlias.js';
import { CreateGroup } from './ops/CreateGroup.js';
import { CreateInstanceProfile } from './ops/CreateInstanceProfile.js';
import { CreatePolicy } from './ops/CreatePolicy.js';
import { CreatePolicyVersion } from './ops/CreatePolicyVersion.js';
import { CreateRole } from './ops/CreateRole.js';
import { CreateServiceLinkedRole } from './ops/CreateServiceLinkedRole.js';
import { CreateUser } from './ops/CreateUser.js';
import { DeleteAccessKey } from './ops/DeleteAccessKey.js';
import { DeleteAccountAlias } from './ops/DeleteAccountAlias.js';
import { DeleteGroup } from './ops/DeleteGroup.js';
import { DeleteGroupPolicy } from './ops/DeleteGroupPolicy.js';
import { DeleteInstanceProfile } from './ops/DeleteInstanceProfile.js';
import { DeletePolicy } from './ops/DeletePolicy.js';
import { DeletePolicyVersion } from './ops/DeletePolicyVersion.js';
import { DeleteRole } from './ops/DeleteRole.js';
import { DeleteRolePermissionsBoundary } from './ops/DeleteRolePermissionsBoundary.js';
import { DeleteRolePolicy } from './ops/DeleteRolePolicy.js';
import { DeleteServiceLinkedRole } from './ops/DeleteServiceLinkedRole.js';
import { DeleteUser } from './ops/DeleteUser.js';
import { DeleteUserPermissionsBoundary } from './ops/DeleteUserPermissionsBoundary.js';
import { DeleteUserPolicy } from './ops/DeleteUserPolicy.js';
import { DetachGroupPolicy } from './ops/DetachGroupPolicy.js';
import { DetachRolePolicy } from './ops/DetachRolePolicy.js';
import { DetachUserPolicy } from './ops/DetachUserPolicy.js';
import { GetAccessKeyLastUsed } from './ops/GetAccessKeyLastUsed.js';
import { GetAccountAuthorizationDetails } from './ops/GetAccountAuthorizationDetails.js';
import { GetAccountSummary } from './ops/GetAccountSummary.js';
import { GetGroup } from './ops/GetGroup.js';
import { GetGroupPolicy } from './ops/GetGroupPolicy.js';
import { GetInstanceProfile } from './ops/GetInstanceProfile.js';
import { GetPolicy } from './ops/GetPolicy.js';
import { GetPolicyVersion } from './ops/GetPolicyVersion.js';
import { GetRole } from './ops/GetRole.js';
import { GetRolePolicy } from './ops/GetRolePolicy.js';
import { GetServiceLinkedRoleDeletionStatus } from './ops/GetServiceLinkedRoleDeletionStatus.js';
import { GetUser } from './ops/GetUser.js';
import { GetUserPolicy } from './ops/GetUserPolicy.js';
import { ListAccessKeys } from './ops/ListAccessKeys.js';
import { ListAccountAliases } from './ops/ListAccountAliases.js';
import { ListAttachedGroupPolicies } from './ops/ListAttachedGroupPolicies.js';
import { ListAttachedRolePolicies } from './ops/ListAttachedRolePolicies.js';
import { ListAttachedUserPolicies } from './ops/ListAttachedUserPolicies.js';
import { ListEntitiesForPolicy } from './ops/ListEntitiesForPolicy.js';
import { ListGroupPolicies } from './ops/ListGroupPolicies.js';
import { ListGroups } from './ops/ListGroups.js';
import { ListGroupsForUser } from './ops/ListGroupsForUser.js';
import { ListInstanceProfileTags } from './ops/ListInstanceProfileTags.js';
import { ListInstanceProfiles } from './ops/ListInstanceProfiles.js';
import { ListInstanceProfilesForRole } from './ops/ListInstanceProfilesForRole.js';
import { ListPolicies } from './ops/ListPolicies.js';
import { ListPolicyTags } from './ops/ListPolicyTags.js';
import { ListPolicyVersions } from './ops/ListPolicyVersions.js';
import { ListRolePolicies } from './ops/ListRolePolicies.js';
import { ListRoleTags } from './ops/ListRoleTags.js';
import { ListRoles } from './ops/ListRoles.js';
import { ListUserPolicies } from './ops/ListUserPolicies.js';
import { ListUserTags } from './ops/ListUserTags.js';
import { ListUsers } from './ops/ListUsers.js';
import { PutGroupPolicy } from './ops/PutGroupPolicy.js';
import { PutRolePermissionsBoundary } from './ops/PutRolePermissionsBoundary.js';
import { PutRolePolicy } from './ops/PutRolePolicy.js';
import { PutUserPermissionsBoundary } from './ops/PutUserPermissionsBoundary.js';
import { PutUserPolicy } from './ops/PutUserPolicy.js';
import { RemoveRoleFromInstanceProfile } from './ops/RemoveRoleFromInstanceProfile.js';
import { RemoveUserFromGroup } from './ops/RemoveUserFromGroup.js';
import { SetDefaultPolicyVersion } from './ops/SetDefaultPolicyVersion.js';
import { SimulateCustomPolicy } from './ops/SimulateCustomPolicy.js';
import { SimulatePrincipalPolicy } from './ops/SimulatePrincipalPolicy.js';
import { TagInstanceProfile } from './ops/TagInstanceProfile.js';
import { TagPolicy } from './ops/TagPolicy.js';
import { TagRole } from './ops/TagRole.js';
import { TagUser } from './ops/TagUser.js';
import { UntagInstanceProfile } from './ops/UntagInstanceProfile.js';
import { UntagPolicy } from './ops/UntagPolicy.js';
import { UntagRole } from './ops/UntagRole.js';
import { UntagUser } from './ops/UntagUser.js';
import { UpdateAccessKey } from './ops/UpdateAccessKey.js';
import { UpdateAssumeRolePolicy } from './ops/UpdateAssumeRolePolicy.js';
import { UpdateGroup } from './ops/UpdateGroup.js';
import { UpdateRole } from './ops/UpdateRole.js';
import { UpdateRoleDescription } from './ops/UpdateRoleDescription.js';
import { UpdateUser } from './ops/UpdateUser.js';
import { notImplemented, type HandlerMap } from '../types.js';

export const iamHandlers = {
  AcceptDelegationRequest: notImplemented,
  AddClientIDToOpenIDConnectProvider: notImplemented,
  AddRoleToInstanceProfile,
  AddUserToGroup,
  AssociateDelegationRequest: notImplemented,
  AttachGroupPolicy,
  AttachRolePolicy,
  AttachUserPolicy,
  ChangePassword: notImplemented,
  CreateAccessKey,
  CreateAccountAlias,
  CreateDelegationRequest: notImplemented,
  CreateGroup,
  CreateInstanceProfile,
  CreateLoginProfile: notImplemented,
  CreateOpenIDConnectProvider: notImplemented,
  CreatePolicy,
  CreatePolicyVersion,
  CreateRole,
  CreateSAMLProvider: notImplemented,
  CreateServiceLinkedRole,
  CreateServiceSpecificCredential: notImplemented,
  CreateUser,
  CreateVirtualMFADevice: notImplemented,
  DeactivateMFADevice: notImplemented,
  DeleteAccessKey,
  DeleteAccountAlias,
  DeleteAccountPasswordPolicy: notImplemented,
  DeleteGroup,
  DeleteGroupPolicy,
  DeleteInstanceProfile,
  DeleteLoginProfile: notImplemented,
  DeleteOpenIDConnectProvider: notImplemented,
  DeletePolicy,
  DeletePolicyVersion,
  DeleteRole,
  DeleteRolePermissionsBoundary,
  DeleteRolePolicy,
  DeleteSAMLProvider: notImplemented,
  DeleteSSHPublicKey: notImplemented,
  DeleteServerCertificate: notImplemented,
  DeleteServiceLinkedRole,
  DeleteServiceSpecificCredential: notImplemented,
  DeleteSigningCertificate: notImplemented,
  DeleteUser,
  DeleteUserPermissionsBoundary,
  DeleteUserPolicy,
  DeleteVirtualMFADevice: notImplemented,
  DetachGroupPolicy,
  DetachRolePolicy,
  DetachUserPolicy,
  DisableOrganizationsRootCredentialsManagement: notImplemented,
  DisableOrganizationsRootSessions: notImplemented,
  DisableOutboundWebIdentityFederation: notImplemented,
  EnableMFADevice: notImplemented,
  EnableOrganizationsRootCredentialsManagement: notImplemented,
  EnableOrganizationsRootSessions: notImplemented,
  EnableOutboundWebIdentityFederation: notImplemented,
  GenerateCredentialReport: notImplemented,
  GenerateOrganizationsAccessReport: notImplemented,
  GenerateServiceLastAccessedDetails: notImplemented,
  GetAccessKeyLastUsed,
  GetAccountAuthorizationDetails,
  GetAccountPasswordPolicy: notImplemented,
  GetAccountSummary,
  GetContextKeysForCustomPolicy: notImplemented,
  GetContextKeysForPrincipalPolicy: notImplemented,
  GetCredentialReport: notImplemented,
  GetDelegationRequest: notImplemented,
  GetGroup,
  GetGroupPolicy,
  GetHumanReadableSummary: notImplemented,
  GetInstanceProfile,
  GetLoginProfile: notImplemented,
  GetMFADevice: notImplemented,
  GetOpenIDConnectProvider: notImplemented,
  GetOrganizationsAccessReport: notImplemented,
  GetOutboundWebIdentityFederationInfo: notImplemented,
  GetPolicy,
  GetPolicyVersion,
  GetRole,
  GetRolePolicy,
  GetSAMLProvider: notImplemented,
  GetSSHPublicKey: notImplemented,
  GetServerCertificate: notImplemented,
  GetServiceLastAccessedDetails: notImplemented,
  GetServiceLastAccessedDetailsWithEntities: notImplemented,
  GetServiceLinkedRoleDeletionStatus,
  GetUser,
  GetUserPolicy,
  ListAccessKeys,
  ListAccountAliases,
  ListAttachedGroupPolicies,
  ListAttachedRolePolicies,
  ListAttachedUserPolicies,
  ListDelegationRequests: notImplemented,
  ListEntitiesForPolicy,
  ListGroupPolicies,
  ListGroups,
  ListGroupsForUser,
  ListInstanceProfileTags,
  ListInstanceProfiles,
  ListInstanceProfilesForRole,
  ListMFADeviceTags: notImplemented,
  ListMFADevices: notImplemented,
  ListOpenIDConnectProviderTags: notImplemented,
  ListOpenIDConnectProviders: notImplemented,
  ListOrganizationsFeatures: notImplemented,
  ListPolicies,
  ListPoliciesGrantingServiceAccess: notImplemented,
  ListPolicyTags,
  ListPolicyVersions,
  ListRolePolicies,
  ListRoleTags,
  ListRoles,
  ListSAMLProviderTags: notImplemented,
  ListSAMLProviders: notImplemented,
  ListSSHPublicKeys: notImplemented,
  ListServerCertificateTags: notImplemented,
  ListServerCertificates: notImplemented,
  ListServiceSpecificCredentials: notImplemented,
  ListSigningCertificates: notImplemented,
  ListUserPolicies,
  ListUserTags,
  ListUsers,
  ListVirtualMFADevices: notImplemented,
  PutGroupPolicy,
  PutRolePermissionsBoundary,
  PutRolePolicy,
  PutUserPermissionsBoundary,
  PutUserPolicy,
  RejectDelegationRequest: notImplemented,
  RemoveClientIDFromOpenIDConnectProvider: notImplemented,
  RemoveRoleFromInstanceProfile,
  RemoveUserFromGroup,
  ResetServiceSpecificCredential: notImplemented,
  ResyncMFADevice: notImplemented,
  SendDelegationToken: notImplemented,
  SetDefaultPolicyVersion,
  SetSecurityTokenServicePreferences: notImplemented,
  SimulateCustomPolicy,
  SimulatePrincipalPolicy,
  TagInstanceProfile,
  TagMFADevice: notImplemented,
  TagOpenIDConnectProvider: notImplemented,
  TagPolicy,
  TagRole,
  TagSAMLProvider: notImplemented,
  TagServerCertificate: notImplemented,
  TagUser,
  UntagInstanceProfile,
  UntagMFADevice: notImplemented,
  UntagOpenIDConnectProvider: notImplemented,
  UntagPolicy,
  UntagRole,
  UntagSAMLProvider: notImplemented,
  UntagServerCertificate: notImplemented,
  UntagUser,
  UpdateAccessKey,
  UpdateAccountPasswordPolicy: notImplemented,
  UpdateAssumeRolePolicy,
  UpdateDelegationRequest: notImplemented,
  UpdateGroup,
  UpdateLoginProfile: notImplemented,
  UpdateOpenIDConnectProviderThumbprint: notImplemented,
  UpdateRole,
  UpdateRoleDescription,
  UpdateSAMLProvider: notImplemented,
  UpdateSSHPublicKey: notImplemented,
  UpdateServerCertificate: notImplemented,
  UpdateServiceSpecificCredential: notImplemented,
  UpdateSigningCertificate: notImplemented,
  UpdateUser,
  UploadSSHPublicKey: notImplemented,
  UploadServerCertificate: notImplemented,
  UploadSigningCertificate: notImplemented,
} satisfies HandlerMap<IamOperations>;
