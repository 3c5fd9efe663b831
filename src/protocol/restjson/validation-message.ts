/**
 * Image Builder words validation failures as `The value supplied for parameter '<path>' is not
 * valid. <detail>` (InvalidParameterValueException), with paths like `distributions[0].region`.
 * (wording seen from the real service in 2025: `semanticVersion must match pattern ^...$`).
 * A missing required member is an InvalidRequestException; AWS's exact text for it is not
 * known, so this wording is Kiln's.
 */
import { AwsError } from '../../kernel/errors.js';
import type { PathStep, Violation } from '../validate.js';

function paramPath(path: PathStep[]): string {
  return path.map((step, i) => (typeof step === 'number' ? `[${step}]` : i === 0 ? step : `.${step}`)).join('');
}

function detail(name: string, violation: Violation): string {
  const c = violation.constraint;
  switch (c.kind) {
    case 'required': return `${name} is required.`;
    case 'minLength': return `${name} must have length greater than or equal to ${c.limit}.`;
    case 'maxLength': return `${name} must have length less than or equal to ${c.limit}.`;
    case 'min': return `${name} must be greater than or equal to ${c.limit}.`;
    case 'max': return `${name} must be less than or equal to ${c.limit}.`;
    case 'pattern': return `${name} must match pattern ${c.pattern}`;
    case 'enum': return `${name} must be one of [${c.values.join(', ')}].`;
  }
}

export function restJsonValidationError(violations: Violation[]): AwsError {
  const first = violations.find((v) => v.constraint.kind === 'required') ?? violations[0];
  const name = paramPath(first.path);
  if (first.constraint.kind === 'required') {
    return new AwsError('InvalidRequestException', `The request is missing the required parameter '${name}'.`, 400);
  }
  return new AwsError('InvalidParameterValueException', `The value supplied for parameter '${name}' is not valid. ${detail(name, first)}`, 400);
}
