/**
 * Writes src/services/iam/data/aws-managed-policies/<PolicyName>.json: a fixed set of AWS managed
 * policies with their real documents, default version ids, paths and dates, taken from the copy of
 * AWS's managed-policy data that ships with moto 5.2.1 (moto/iam/aws_managed_policies.py, whose
 * `aws_managed_policies_data` is a JSON string keyed by policy name).
 *
 *   npx tsx scripts/gen-aws-managed-policies.ts
 *
 * The set is CORE_POLICIES plus every policy that src/services/iam/data/service-linked-roles.json
 * attaches. The script fails loudly when a policy is missing from the source, when a catalogue ARN
 * disagrees with the source's path, or when the moto on this machine is not the pinned version.
 * Files in the output folder that are no longer in the set are removed, so a rerun is exact.
 * See src/services/iam/data/README.md for sources and licences.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MOTO_VERSION = '5.2.1';
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DATA_DIR = join(ROOT, 'src/services/iam/data');
const OUT_DIR = join(DATA_DIR, 'aws-managed-policies');
const CATALOGUE = join(DATA_DIR, 'service-linked-roles.json');

/** Policies Kiln needs whether or not a service-linked role attaches them (a data file, so the data test reads the same list). */
const CORE_POLICIES: string[] = JSON.parse(readFileSync(join(DATA_DIR, 'core-policies.json'), 'utf8'));

/**
 * Policy descriptions (GetPolicy `Description`). moto's data has none, so they are kept here.
 * Source: the descriptions AWS publishes for each policy (AWS Managed Policy Reference,
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/<PolicyName>.html), collected from a
 * public ListPolicies-derived listing and spot-checked against the reference pages (see README).
 * A policy without an entry is written without `Description` rather than with a guess.
 */
const DESCRIPTIONS: Record<string, string> = {
  APIGatewayServiceRolePolicy: "Allows API Gateway to manage associated AWS Resources on behalf of the customer.",
  AWSAppMeshServiceRolePolicy: "Enables access to AWS Services and Resources used or managed by AWS AppMesh",
  AWSApplicationAutoscalingCassandraTablePolicy: "Policy granting permissions to Application Auto Scaling to access Cassandra and CloudWatch.",
  AWSApplicationAutoscalingDynamoDBTablePolicy: "Policy granting permissions to Application Auto Scaling to access DynamoDB and CloudWatch.",
  AWSApplicationAutoscalingEC2SpotFleetRequestPolicy: "Policy granting permissions to Application Auto Scaling to access EC2 Spot Fleet and CloudWatch.",
  AWSApplicationAutoscalingECSServicePolicy: "Policy granting permissions to Application Auto Scaling to access EC2 Container Service and CloudWatch.",
  AWSAutoScalingPlansEC2AutoScalingPolicy: "Policy granting permissions to AWS Auto Scaling to periodically forecast capacity and generate scheduled scaling actions for Auto Scaling groups in a scaling plan",
  AWSBackupServiceLinkedRolePolicyForBackup: "Provides AWS Backup permission to create backups on your behalf across AWS services",
  AWSChatbotServiceLinkedRolePolicy: "The Service Linked Role used by AWS Chatbot.",
  AWSCloud9ServiceRolePolicy: "Service Linked Role Policy for AWS Cloud9",
  AWSCodeStarNotificationsServiceRolePolicy: "Allows AWS CodeStar Notifications to access Amazon CloudWatch Events on your behalf",
  AWSConfigMultiAccountSetupPolicy: "Allows Config to call AWS services and deploy config resources across organization",
  AWSConfigServiceRolePolicy: "Allows Config to call AWS services and collect resource configurations on your behalf.",
  AWSControlTowerAccountServiceRolePolicy: "Allows AWS Control Tower to call AWS services that provide automated account configuration and centralized governance on your behalf.",
  AWSDMSFleetAdvisorServiceRolePolicy: "Allows DMS Fleet Advisor to manage CloudWatch metrics on your behalf.",
  AWSDMSServerlessServiceRolePolicy: "Grants AWS DMS Serverless permissions to create and manage DMS resources in your account on your behalf",
  AWSEC2SpotFleetServiceRolePolicy: "Allows EC2 Spot Fleet to launch and manage spot fleet instances",
  AWSEC2SpotServiceRolePolicy: "Allows EC2 Spot to launch and manage spot instances",
  AWSECRPullThroughCache_ServiceRolePolicy: "Enables access to AWS services and resources used or managed by AWS ECR pull through cache",
  AWSElasticBeanstalkServiceRolePolicy: "AWS Elastic Beanstalk Service Linked Role policy which grants permissions to create & manage resources (i.e.: AutoScaling, EC2, S3, CloudFormation, ELB, etc.) on your behalf.",
  AWSElasticLoadBalancingServiceRolePolicy: "Service Linked Role Policy for AWS Elastic Load Balancing Control Plane",
  AWSGitSyncServiceRolePolicy: "Policy which allows AWS Code Connections to sync content from your git repository",
  AWSGlobalAcceleratorSLRPolicy: "Policy granting permissions to AWS Global Accelerator to manage EC2 Elastic Network Interfaces and Security Groups.",
  AWSImageBuilderFullAccess: "Provides full access to all AWS Image Builder actions and resource scoped access to related AWS services.",
  AWSImageBuilderReadOnlyAccess: "Provides read only access to all AWS Image Builder actions.",
  AWSIncidentManagerServiceRolePolicy: "This policy grants Incident Manager permission to manage incident records and related resources on your behalf.",
  AWSKeyManagementServiceCustomKeyStoresServiceRolePolicy: "Enables access to AWS services and resources required for AWS KMS custom key stores",
  AWSKeyManagementServiceMultiRegionKeysServiceRolePolicy: "Enables AWS KMS to synchronize the shared properties of multi-Region keys.",
  AWSM2ServicePolicy: "Allows AWS M2 to manage AWS resources on your behalf.",
  AWSOrganizationsServiceTrustPolicy: "A policy to allow AWS Organizations to share trust with other approved AWS Services for the purpose of simplifying customer configuration.",
  AWSResourceAccessManagerServiceRolePolicy: "Policy containing Read-only AWS Resource Access Manager access to customers' Organizations structure. It also contains IAM permissions to self-delete the role.",
  AWSResourceExplorerServiceRolePolicy: "Allows Resource Explorer to view resources and CloudTrail events on your behalf to index your resources for search.",
  AWSRolesAnywhereServicePolicy: "Allows IAM Roles Anywhere to publish service/usage metrics to CloudWatch and check the status of Private Certificate Authorities on your behalf.",
  AWSS3OnOutpostsServiceRolePolicy: "Allow Amazon S3 on Outposts service to manage EC2 network resources on your behalf.",
  AWSSSMOpsInsightsServiceRolePolicy: "Policy for Service Linked Role AWSServiceRoleForAmazonSSM_OpsInsights",
  AWSSSOServiceRolePolicy: "Grants AWS SSO permissions to manage AWS resources, including IAM roles, policies and SAML IdP on your behalf.",
  AWSSecurityHubServiceRolePolicy: "A service-linked role required for AWS Security Hub to access your resources.",
  AWSServiceRoleForAmazonEKSNodegroup: "Permissions required for managing nodegroups in the customer's account. These policies related to management of the following resources: AutoscalingGroups, SecurityGroups, LaunchTemplates and InstanceProfiles.",
  AWSServiceRoleForImageBuilder: "Allows EC2ImageBuilder to call AWS services on your behalf.",
  AWSShieldServiceRolePolicy: "Allows AWS Shield to access AWS resources on your behalf to provide DDoS protection.",
  AWSSupportServiceRolePolicy: "Allows AWS Support to access AWS resources to provide billing, administrative, and support services.",
  AWSSystemsManagerAccountDiscoveryServicePolicy: "Grants AWS Systems Manager (SSM) permission to discover AWS account information.",
  AWSSystemsManagerOpsDataSyncServiceRolePolicy: "IAM role for SSM Explorer to manage OpsData related operations",
  AWSTrustedAdvisorServiceRolePolicy: "Access for the AWS Trusted Advisor Service to help reduce cost, increase performance, and improve security of your AWS environment.",
  AWSUserNotificationsServiceLinkedRolePolicy: "Allows AWS User Notifications to call AWS services on your behalf.",
  AWSWellArchitectedDiscoveryServiceRolePolicy: "Allows WellArchitected to access AWS services and resources that relate to WellArchitected resources on behalf of customers.",
  AccessAnalyzerServiceRolePolicy: "Allow Access Analyzer to analyze resource metadata",
  AdministratorAccess: "Provides full access to AWS services and resources.",
  AmazonCognitoIdpEmailServiceRolePolicy: "Allows Amazon Cognito User Pools service to use your SES identities for email sending",
  AmazonConnectServiceLinkedRolePolicy: "Allows Amazon Connect to create and manage AWS resources on your behalf.",
  "AmazonDocDB-ElasticServiceRolePolicy": "Allows Amazon DocumentDB-Elastic to manage AWS resources on your behalf.",
  AmazonECSServiceRolePolicy: "Policy to enable Amazon ECS to manage your cluster.",
  AmazonEKSConnectorServiceRolePolicy: "This policy allows Amazon EKS to manage AWS resources for EKS connector",
  AmazonEKSForFargateServiceRolePolicy: "This policy grants necessary permissions to Amazon EKS to run fargate tasks",
  AmazonEKSServiceRolePolicy: "A Service-Linked Role required for Amazon EKS to call AWS services on your behalf.",
  AmazonEMRCleanupPolicy: "Allows the actions that EMR requires to terminate and delete AWS EC2 resources if the EMR Service role has lost that ability.",
  AmazonEMRContainersServiceRolePolicy: "Allows access to other AWS service resources that are required to run Amazon EMR",
  AmazonEMRServerlessServiceRolePolicy: "Allows access to other AWS service resources that are required to run Amazon EMRServerless",
  AmazonElasticFileSystemServiceRolePolicy: "Allows Amazon Elastic File System to manage AWS resources on your behalf",
  AmazonElasticsearchServiceRolePolicy: "Allow Amazon Elasticsearch Service to access other AWS services such as EC2 Networking APIs on your behalf.",
  AmazonFISServiceRolePolicy: "Policy to enable AWS FIS to manage monitoring and resource selection for experiments.",
  AmazonFSxServiceRolePolicy: "Allows Amazon FSx to manage AWS resources on your behalf",
  AmazonGrafanaServiceLinkedRolePolicy: "Provides access to AWS Resources managed or used by Amazon Grafana.",
  AmazonGuardDutyMalwareProtectionServiceRolePolicy: "GuardDuty malware protection uses the service-linked role (SLR) named AWSServiceRoleForAmazonGuardDutyMalwareProtection. This service-linked role allows GuardDuty malware protection to perform agent-less scans to detect malware. It allows GuardDuty to create snapshots in your account, and share the snapshots with the GuardDuty service account to scan for malware. It evaluates these shared snapshots and includes the retrieved EC2 instance metadata in the GuardDuty Malware Protection findings. The AWSServiceRoleForAmazonGuardDutyMalwareProtection service-linked role trusts the malware-protection.guardduty.amazonaws.com service to assume the role.",
  AmazonGuardDutyServiceRolePolicy: "Enable access to AWS Resources used or managed by Amazon Guard Duty",
  AmazonInspector2ServiceRolePolicy: "Grants Amazon Inspector access to AWS Services needed to perform security assessments",
  AmazonLexV2BotPolicy: "Provides Lex V2 bots access to call other AWS services on your behalf.",
  AmazonMQServiceRolePolicy: "Service Linked Role Policy for AWS Amazon MQ",
  AmazonMacieServiceRolePolicy: "Service linked role for Amazon Macie",
  AmazonOpenSearchServerlessServiceRolePolicy: "Allow Amazon OpenSearch Serverless to access other AWS services such as CloudWatch APIs on your behalf.",
  AmazonOpenSearchServiceRolePolicy: "Allow Amazon OpenSearch Service to access other AWS services such as EC2 Networking APIs on your behalf.",
  AmazonRDSServiceRolePolicy: "Allows Amazon RDS to manage AWS resources on your behalf.",
  AmazonRedshiftServiceLinkedRolePolicy: "Allows Amazon Redshift to call AWS services on your behalf",
  AmazonSSMManagedInstanceCore: "The policy for Amazon EC2 Role to enable AWS Systems Manager service core functionality.",
  AmazonSSMServiceRolePolicy: "Provides access to AWS Resources managed or used by Amazon SSM",
  AutoScalingServiceRolePolicy: "Enables access to AWS Services and Resources used or managed by Auto Scaling",
  BatchServiceRolePolicy: "Provides access for the AWS Batch service to manage the required resources, including Amazon EC2 and Amazon ECS resources.",
  CertificateManagerServiceRolePolicy: "Amazon Certificate Manager Service Role Policy",
  CloudFormationStackSetsOrgMemberServiceRolePolicy: "Service Role for CloudFormation StackSets (Organization Member Account)",
  CloudTrailServiceRolePolicy: "Permission policy for CloudTrail ServiceLinkedRole",
  "CloudWatch-CrossAccountAccess": "Allows CloudWatch to assume CloudWatch-CrossAccountSharing roles in remote accounts on behalf of the current account in order to display data cross-account, cross-region",
  CloudWatchEventsServiceRolePolicy: "Allow AWS CloudWatch to execute actions on your behalf configured through alarms and events.",
  ComputeOptimizerServiceRolePolicy: "Allows ComputeOptimizer to call AWS services and collect workload details on your behalf.",
  CostOptimizationHubServiceRolePolicy: "Allows Cost Optimization Hub to retrieve organization information and collect optimization-related data and metadata.",
  DynamoDBReplicationServiceRolePolicy: "Permissions required by DynamoDB for cross-region data replication",
  EC2FastLaunchServiceRolePolicy: "Policy grants ec2fastlaunch to prepare and manage preprovisioned snapshots in customer's account & publish related metrics.",
  EC2ImageBuilderLifecycleExecutionPolicy: "The EC2ImageBuilderLifecycleExecutionPolicy policy grants permissions for Image Builder to perform actions such as deprecate or delete Image Builder image resources and their underlying resources (AMIs, snapshots) to support automated rules for image lifecycle management tasks.",
  EC2InstanceProfileForImageBuilder: "EC2 Instance profile for Image Builder service.",
  EC2InstanceProfileForImageBuilderECRContainerBuilds: "EC2 Instance profile for building container images with EC2 Image Builder. This policy grants the user broad permissions to upload ECR images.",
  ECRReplicationServiceRolePolicy: "Enables access to AWS Services and Resources used or managed by ECR Replication",
  ECRTemplateServiceRolePolicy: "Allows actions to be performed when using AWS ECR repository creation templates",
  EMRDescribeClusterPolicyForEMRWAL: "This policy grants read-only permissions that allow the WAL service for Amazon EMR to find and return the status of a cluster",
  Ec2ImageBuilderCrossAccountDistributionAccess: "Permissions need by EC2 Image Builder to perform a cross account distribution.",
  Ec2InstanceConnectEndpoint: "EC2 Instance Connect endpoint policy to manage EC2 Instance Connect endpoints created by the customer",
  ElastiCacheServiceRolePolicy: "This policy allows ElastiCache to manage AWS resources on your behalf as necessary for managing your cache",
  IAMFullAccess: "Provides full access to IAM via the AWS Management Console.",
  KafkaConnectServiceRolePolicy: "This policy grants Kafka Connect permission to manage AWS resources on your behalf.",
  KafkaServiceRolePolicy: "IAM service linked role policy for Kafka.",
  KeyspacesReplicationServiceRolePolicy: "Permissions required by Keyspaces for cross-region data replication",
  LakeFormationDataAccessServiceRolePolicy: "Policy to grant temporary data access to Lake Formation resources",
  LightsailExportAccess: "AWS Lightsail service linked role policy which grants permissions to export resources",
  MemoryDBServiceRolePolicy: "This policy allows MemoryDB to manage AWS resources on your behalf as necessary for managing your resources.",
  PowerUserAccess: "Provides full access to AWS services and resources, but does not allow management of Users and groups.",
  ReadOnlyAccess: "Provides read-only access to AWS services and resources.",
  ServiceQuotasServiceRolePolicy: "Allows Service Quotas to create support cases on your behalf",
  WAFLoggingServiceRolePolicy: "Creating SLR to write customer's logs to a firehose stream",
  WAFV2LoggingServiceRolePolicy: "This policy creates a service-linked role that allows AWS WAF to write logs to Amazon Kinesis Data Firehose.",
};

interface MotoPolicy {
  CreateDate: string;
  DefaultVersionId: string;
  Document: unknown;
  Path: string;
  UpdateDate: string;
}

interface CatalogueEntry {
  servicePrincipal: string;
  roleName: string;
  policyArns: string[];
}

interface PolicyFile {
  PolicyName: string;
  PolicyId: string;
  Arn: string;
  Path: string;
  DefaultVersionId: string;
  CreateDate: string;
  UpdateDate: string;
  Description?: string;
  Document: unknown;
}

function fail(message: string): never {
  console.error(`gen-aws-managed-policies: ${message}`);
  process.exit(1);
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 (no padding) of `bytes`. */
function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

/** A stable IAM-style policy id: `ANPA` + the first 17 base32 characters of sha256(ARN). */
function policyIdFor(arn: string): string {
  return `ANPA${base32(createHash('sha256').update(arn, 'utf8').digest()).slice(0, 17)}`;
}

/** `2019-11-29T22:02:13+00:00` -> `2019-11-29T22:02:13Z`; anything else is an error. */
function isoZ(value: string, what: string): string {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\+00:00|Z)$/.exec(value);
  if (!m) fail(`${what}: unexpected date format ${JSON.stringify(value)}`);
  return `${m[1]}Z`;
}

function loadMoto(): Record<string, MotoPolicy> {
  const python = process.env.PYTHON ?? 'python3';
  const sitePackages = execFileSync(python, ['-c', 'import boto3,os;print(os.path.dirname(os.path.dirname(boto3.__file__)))'], { encoding: 'utf8' }).trim();
  // Load the data module by path so that the moto package itself (and its dependencies) is never imported.
  const program = [
    'import importlib.metadata, importlib.util, json, os, sys',
    'path = os.path.join(sys.argv[1], "moto", "iam", "aws_managed_policies.py")',
    'spec = importlib.util.spec_from_file_location("kiln_aws_managed_policies", path)',
    'module = importlib.util.module_from_spec(spec)',
    'spec.loader.exec_module(module)',
    'version = importlib.metadata.version("moto")',
    'sys.stdout.write(json.dumps({"version": version, "path": path, "data": json.loads(module.aws_managed_policies_data)}))',
  ].join('\n');
  const out = execFileSync(python, ['-c', program, sitePackages], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const parsed = JSON.parse(out) as { version: string; path: string; data: Record<string, MotoPolicy> };
  if (parsed.version !== MOTO_VERSION) fail(`expected moto ${MOTO_VERSION}, found ${parsed.version} (${parsed.path})`);
  console.log(`source: ${parsed.path} (moto ${parsed.version}, ${Object.keys(parsed.data).length} policies)`);
  return parsed.data;
}

function main(): void {
  const moto = loadMoto();
  const catalogue = JSON.parse(readFileSync(CATALOGUE, 'utf8')) as CatalogueEntry[];

  // Wanted policy name -> the ARN the catalogue expects (if any).
  const wanted = new Map<string, string | undefined>(CORE_POLICIES.map((name) => [name, undefined]));
  for (const entry of catalogue) {
    for (const arn of entry.policyArns) {
      const m = /^arn:aws:iam::aws:policy(\/(?:[^/]+\/)*)([^/]+)$/.exec(arn);
      if (!m) fail(`${entry.servicePrincipal}: not an AWS managed policy ARN: ${arn}`);
      wanted.set(m[2], arn);
    }
  }

  const missing = [...wanted.keys()].filter((name) => !Object.hasOwn(moto, name));
  if (missing.length > 0) fail(`missing from the moto data: ${missing.join(', ')}`);

  const unknownDescriptions = Object.keys(DESCRIPTIONS).filter((name) => !wanted.has(name));
  if (unknownDescriptions.length > 0) fail(`descriptions for policies that are not generated: ${unknownDescriptions.join(', ')}`);

  mkdirSync(OUT_DIR, { recursive: true });
  const ids = new Map<string, string>();
  let bytes = 0;
  const names = [...wanted.keys()].sort();
  for (const name of names) {
    const source = moto[name];
    const arn = `arn:aws:iam::aws:policy${source.Path}${name}`;
    const expected = wanted.get(name);
    if (expected !== undefined && expected !== arn) fail(`catalogue ARN ${expected} disagrees with the source path (${arn})`);
    const doc = source.Document as { Version?: unknown; Statement?: unknown } | null;
    if (!doc || typeof doc !== 'object' || doc.Version === undefined || doc.Statement === undefined) fail(`${name}: document has no Version/Statement`);
    const policyId = policyIdFor(arn);
    const clash = ids.get(policyId);
    if (clash) fail(`PolicyId collision between ${clash} and ${name}`);
    ids.set(policyId, name);
    const file: PolicyFile = {
      PolicyName: name,
      PolicyId: policyId,
      Arn: arn,
      Path: source.Path,
      DefaultVersionId: source.DefaultVersionId,
      CreateDate: isoZ(source.CreateDate, `${name}.CreateDate`),
      UpdateDate: isoZ(source.UpdateDate, `${name}.UpdateDate`),
      ...(DESCRIPTIONS[name] !== undefined ? { Description: DESCRIPTIONS[name] } : {}),
      Document: source.Document,
    };
    const text = `${JSON.stringify(file, null, 2)}\n`;
    bytes += Buffer.byteLength(text);
    writeFileSync(join(OUT_DIR, `${name}.json`), text);
  }

  const keep = new Set(names.map((name) => `${name}.json`));
  for (const entry of readdirSync(OUT_DIR)) {
    if (entry.endsWith('.json') && !keep.has(entry)) {
      rmSync(join(OUT_DIR, entry));
      console.log(`removed stale ${entry}`);
    }
  }

  const imageBuilder = moto.AWSServiceRoleForImageBuilder;
  if (imageBuilder.DefaultVersionId !== 'v27' || imageBuilder.Path !== '/aws-service-role/') {
    fail(`AWSServiceRoleForImageBuilder is ${imageBuilder.DefaultVersionId} at ${imageBuilder.Path}; expected v27 at /aws-service-role/`);
  }
  const described = names.filter((name) => DESCRIPTIONS[name] !== undefined).length;
  console.log(`wrote ${names.length} policy files (${described} with a Description, ${bytes} bytes) to ${OUT_DIR}`);
}

main();
