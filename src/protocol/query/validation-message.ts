/**
 * IAM and STS word validation failures as Coral services do:
 * `1 validation error detected: Value 'x!' at 'roleName' failed to satisfy constraint:
 * Member must satisfy regular expression pattern: [\w+=,.@-]+`, several joined by `; `.
 */
import { AwsError } from '../../kernel/errors.js';
import type { PathStep, Violation } from '../validate.js';

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** `tags.1.member.key`: members in lower camel case, list positions 1-based. */
function memberPath(path: PathStep[]): string {
  return path.map((step) => (typeof step === 'number' ? `${step + 1}.member` : lowerFirst(step))).join('.');
}

function constraintText(violation: Violation): string {
  const c = violation.constraint;
  switch (c.kind) {
    case 'required': return 'Member must not be null';
    case 'minLength': return `Member must have length greater than or equal to ${c.limit}`;
    case 'maxLength': return `Member must have length less than or equal to ${c.limit}`;
    case 'min': return `Member must have value greater than or equal to ${c.limit}`;
    case 'max': return `Member must have value less than or equal to ${c.limit}`;
    case 'pattern': return `Member must satisfy regular expression pattern: ${c.pattern}`;
    case 'enum': return `Member must satisfy enum value set: [${c.values.join(', ')}]`;
  }
}

function valueText(value: unknown): string {
  if (value === null) return 'null';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value) || typeof value === 'object') return `'${JSON.stringify(value)}'`;
  return `'${String(value)}'`;
}

export function queryValidationError(violations: Violation[]): AwsError {
  const parts = violations.map((v) => `Value ${valueText(v.value)} at '${memberPath(v.path)}' failed to satisfy constraint: ${constraintText(v)}`);
  const count = violations.length === 1 ? '1 validation error detected' : `${violations.length} validation errors detected`;
  return new AwsError('ValidationError', `${count}: ${parts.join('; ')}`, 400);
}
