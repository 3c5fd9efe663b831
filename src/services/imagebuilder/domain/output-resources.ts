/**
 * What a finished build leaves behind (`outputResources`): for an AMI image, one AMI per
 * distribution region and per account it goes to (the build's own account, and each of the
 * distribution's `targetAccountIds`), or one in the build's own region when there is no
 * distribution configuration; for a container image, its URIs in ECR, `<account>.dkr.ecr.<region>.
 * <domain>/<repository>:<tag>`.
 */
import type { Ami, Container, OutputResources } from '../../../generated/imagebuilder.js';
import type { IdGenerator } from '../../../kernel/ids.js';
import type { ImageRecord } from './records.js';

/** An EC2 id: the prefix and 17 hex digits (`ami-0123456789abcdef0`, `i-…`). */
export function ec2Id(ids: IdGenerator, prefix: 'ami' | 'i'): string {
  return `${prefix}-${ids.uuid().replace(/-/g, '').slice(-17)}`;
}

/** `{{ imagebuilder:buildDate }}` and `{{ imagebuilder:buildVersion }}` in an AMI name, as AWS expands them. */
function expandName(template: string, image: ImageRecord): string {
  return template
    .replace(/\{\{\s*imagebuilder:buildDate\s*\}\}/g, (image.dateCreated ?? '').replace(/:/g, '-'))
    .replace(/\{\{\s*imagebuilder:buildVersion\s*\}\}/g, String(image.build));
}

function ecrDomain(partition: string): string {
  return partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
}

/** The build's outputs; `buildAmiId` is the AMI the build made in its own region and account. */
export function outputResourcesOf(image: ImageRecord, ids: IdGenerator, buildAmiId: string): OutputResources {
  const [, partition, , region, account] = image.arn.split(':');
  const distributions = image.distributionConfiguration?.distributions ?? [{ region }];
  if (image.type === 'DOCKER') {
    const repository = image.containerRecipe?.targetRepository?.repositoryName ?? image.name!;
    // The image's version as a tag: `1.0.0-1` (a tag cannot hold the `/` of `1.0.0/1`).
    const tag = `${image.semanticVersion}-${image.build}`;
    const uri = (r: string, repo: string, t: string) => `${account}.dkr.ecr.${r}.${ecrDomain(partition)}/${repo}:${t}`;
    // The recipe's repository in the build's region, unless a distribution sends it elsewhere there.
    const distributed = distributions.filter((d) => d.containerDistributionConfiguration);
    const containers: Container[] = distributed.some((d) => d.region === region) ? [] : [{ region, imageUris: [uri(region, repository, tag)] }];
    for (const d of distributed) {
      const config = d.containerDistributionConfiguration!;
      const tags = config.containerTags?.length ? config.containerTags : [tag];
      containers.push({ region: d.region, imageUris: tags.map((t) => uri(d.region, config.targetRepository.repositoryName, t)) });
    }
    return { containers };
  }
  const amis: Ami[] = [];
  for (const d of distributions) {
    const config = d.amiDistributionConfiguration;
    const name = config?.name ? expandName(config.name, image) : `${image.name} ${(image.dateCreated ?? '').replace(/:/g, '-')}`;
    const description = config?.description ?? image.imageRecipe?.description;
    for (const target of [account, ...(config?.targetAccountIds ?? []).filter((a) => a !== account)]) {
      const own = d.region === region && target === account;
      amis.push({ region: d.region, image: own ? buildAmiId : ec2Id(ids, 'ami'), name, description, state: { status: 'AVAILABLE' }, accountId: target });
    }
  }
  return { amis };
}

/**
 * The packages an AMI's inventory lists (ListImagePackages): a small, plausible set for the
 * platform. AWS reads them from Systems Manager Inventory on the build instance.
 */
export function packagesOf(platform: string | undefined): Array<{ packageName: string; packageVersion: string }> {
  if (platform === 'Windows') {
    return [
      ['AWS PV Drivers', '8.4.3'], ['AWS Tools for Windows', '3.15.2248'], ['Amazon SSM Agent', '3.3.1142.0'],
      ['EC2Launch v2', '2.0.1924'], ['Microsoft Edge', '131.0.2903.70'], ['PowerShell 7-x64', '7.4.6.0'],
    ].map(([packageName, packageVersion]) => ({ packageName, packageVersion }));
  }
  if (platform === 'macOS') {
    return [['amazon-ssm-agent', '3.3.1142.0'], ['aws-cli', '2.22.4'], ['ec2-macos-init', '1.5.10'], ['python3', '3.9.6']]
      .map(([packageName, packageVersion]) => ({ packageName, packageVersion }));
  }
  return [
    ['amazon-ssm-agent', '3.3.1142.0-1.amzn2023'], ['awscli-2', '2.17.18-1.amzn2023.0.1'], ['bash', '5.2.15-1.amzn2023.0.2'],
    ['coreutils', '8.32-30.amzn2023.0.3'], ['curl-minimal', '8.5.0-1.amzn2023.0.4'], ['glibc', '2.34-117.amzn2023.0.1'],
    ['kernel', '6.1.115-126.197.amzn2023'], ['openssh-server', '8.7p1-8.amzn2023.0.11'], ['openssl-libs', '3.0.8-1.amzn2023.0.14'],
    ['python3', '3.9.16-1.amzn2023.0.9'], ['systemd', '252.23-2.amzn2023'], ['sudo', '1.9.15-1.p5.amzn2023.0.1'],
  ].map(([packageName, packageVersion]) => ({ packageName, packageVersion }));
}
