/**
 * What a build is made from: an image or container recipe (a version ARN whose nodes may be `x`),
 * an infrastructure configuration and, optionally, a distribution configuration, found through the
 * recipes' and configurations' own lookups. The build keeps snapshots of them, as GetImage shows them.
 */
import { isAwsError } from '../../../kernel/errors.js';
import type { ContainerRecipe, ImageRecipe, Platform } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { getDistributionConfiguration, getInfrastructureConfiguration } from './configurations.js';
import { findRecipe as findStoredRecipe, toContainerRecipe, toImageRecipe, type StoredContainerRecipe, type StoredImageRecipe } from './recipes.js';
import type { ContainerRecipeRecord, ImageRecipeRecord } from './records.js';

export { getDistributionConfiguration as requireDistributionConfiguration, getInfrastructureConfiguration as requireInfrastructureConfiguration };

/** A recipe as the image keeps it: the AWS shape, without the recipe store's own fields. */
export type Recipe =
  | { kind: 'image'; record: ImageRecipe & ImageRecipeRecord }
  | { kind: 'container'; record: ContainerRecipe & ContainerRecipeRecord };

export async function requireRecipe(ctx: HandlerContext, arns: { imageRecipeArn?: string; containerRecipeArn?: string }): Promise<Recipe> {
  if (arns.imageRecipeArn) {
    const { record } = await findStoredRecipe<StoredImageRecipe>(ctx, 'image-recipe', arns.imageRecipeArn);
    return { kind: 'image', record: toImageRecipe(record) as ImageRecipeRecord };
  }
  const { record } = await findStoredRecipe<StoredContainerRecipe>(ctx, 'container-recipe', arns.containerRecipeArn!);
  return { kind: 'container', record: toContainerRecipe(record) as ContainerRecipeRecord };
}

/** The recipe, or undefined when it does not exist (ResourceNotFoundException); other errors are thrown. */
export async function findRecipe(ctx: HandlerContext, arns: { imageRecipeArn?: string; containerRecipeArn?: string }): Promise<Recipe | undefined> {
  try {
    return await requireRecipe(ctx, arns);
  } catch (error) {
    if (isAwsError(error) && error.code === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

/** Whether the recipe still exists (a build checks this when it starts). */
export async function recipeExists(ctx: HandlerContext, arns: { imageRecipeArn?: string; containerRecipeArn?: string }): Promise<boolean> {
  try {
    return (await findRecipe(ctx, arns)) !== undefined;
  } catch (error) {
    if (isAwsError(error)) return false;
    throw error;
  }
}

/** A recipe's platform (container recipes may leave it out: they are Linux unless they say so). */
export function platformOf(recipe: Recipe): Platform {
  return recipe.record.platform ?? 'Linux';
}

/**
 * The operating system version AWS reports for an image, read from the parent image's name
 * (`amazon-linux-2023-x86`, `ubuntu-server-22-lts-x86`, `windows-server-2022-english-full-base-x86`,
 * an SSM parameter path, a Docker Hub image). AWS reads it from the AMI itself; for a parent
 * whose name says nothing (a bare AMI id), Kiln answers the platform's current default.
 */
export function osVersionOf(parentImage: string | undefined, platform: Platform): string {
  const parent = (parentImage ?? '').toLowerCase();
  const rules: Array<[RegExp, (m: RegExpExecArray) => string]> = [
    [/amazon-linux-2023|al2023|amazonlinux:2023/, () => 'Amazon Linux 2023'],
    [/amazon-linux-2|amzn2|amazonlinux/, () => 'Amazon Linux 2'],
    [/ubuntu[^0-9]*(\d{2})/, (m) => `Ubuntu ${m[1]}`],
    [/windows-server-(\d{4})/, (m) => `Microsoft Windows Server ${m[1]}`],
    [/(?:red-hat-enterprise-linux|rhel)-?(\d+)/, (m) => `Red Hat Enterprise Linux ${m[1]}`],
    [/macos-?(\d+)/, (m) => `macOS ${m[1]}`],
  ];
  for (const [pattern, name] of rules) {
    const m = pattern.exec(parent);
    if (m) return name(m);
  }
  return platform === 'Windows' ? 'Microsoft Windows Server 2022' : platform === 'macOS' ? 'macOS 14' : 'Amazon Linux 2023';
}
