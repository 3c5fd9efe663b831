/**
 * Image scan findings come from Amazon Inspector, which scans the images Image Builder builds.
 * Kiln runs no scanner (Inspector is outside what it emulates), so an account has no findings:
 * ListImageScanFindings answers an empty list and ListImageScanFindingAggregations zero counts.
 * The requests are still checked as AWS documents them: the filter names each operation accepts
 * and values of the right form. Kiln never hands out a nextToken for these lists, so any token is
 * one it did not issue (InvalidPaginationTokenException).
 */
import { AwsError } from '../../../kernel/errors.js';
import type { SeverityCounts } from '../../../generated/imagebuilder.js';

const IMAGE_BUILD_VERSION_ARN = /^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws(?:-[a-z-]+)?):image\/[a-z0-9-_]+\/[0-9]+\.[0-9]+\.[0-9]+\/[0-9]+$/;
const IMAGE_PIPELINE_ARN = /^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws):image-pipeline\/[a-z0-9-_]+$/;
/** Inspector's finding severities. */
const SEVERITIES = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL', 'UNTRIAGED'];

/** Each documented filter name, with the check its values must pass (undefined: any value). */
const VALUE_CHECKS: Record<string, ((value: string) => boolean) | undefined> = {
  accountId: (v) => /^[0-9]{12}$/.test(v),
  imageBuildVersionArn: (v) => IMAGE_BUILD_VERSION_ARN.test(v),
  imagePipelineArn: (v) => IMAGE_PIPELINE_ARN.test(v),
  vulnerabilityId: undefined,
  severity: (v) => SEVERITIES.includes(v),
};

/** ListImageScanFindings' filter names (API reference). */
export const FINDING_FILTERS = ['imageBuildVersionArn', 'imagePipelineArn', 'vulnerabilityId', 'severity'];
/** ListImageScanFindingAggregations' filter names (API reference). */
export const AGGREGATION_FILTERS = ['accountId', 'imageBuildVersionArn', 'imagePipelineArn', 'vulnerabilityId'];

function invalid(parameter: string, detail: string): AwsError {
  return new AwsError('InvalidParameterValueException', `The value supplied for parameter '${parameter}' is not valid. ${detail}`);
}

/** Checks one filter against the names an operation accepts; returns its name and values. */
export function checkFilter(filter: { name?: string; values?: string[] }, allowed: string[], parameter: string): { name: string; values: string[] } {
  const { name, values } = filter;
  if (name === undefined || !allowed.includes(name)) {
    throw invalid(parameter, `The filter name '${name}' is not supported. Supported names: ${allowed.join(', ')}.`);
  }
  if (!values || values.length === 0) throw invalid(parameter, `The filter '${name}' needs at least one value.`);
  const check = VALUE_CHECKS[name];
  const bad = check && values.find((v) => !check(v));
  if (bad !== undefined) {
    const expected = name === 'severity' ? `one of ${SEVERITIES.join(', ')}` : name === 'accountId' ? 'a 12-digit account ID' : `an ${name === 'imagePipelineArn' ? 'image pipeline' : 'image build version'} ARN`;
    throw invalid(parameter, `The value '${bad}' of the filter '${name}' is not ${expected}.`);
  }
  return { name, values };
}

export function rejectNextToken(nextToken: string | undefined): void {
  if (nextToken !== undefined) throw new AwsError('InvalidPaginationTokenException', 'The nextToken is not valid.');
}

export const NO_FINDINGS: SeverityCounts = { all: 0, critical: 0, high: 0, medium: 0 };
