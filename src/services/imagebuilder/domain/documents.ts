/**
 * Reading a component document far enough to know its type: a document whose phases are only
 * test phases is a TEST component, any other a BUILD component. The full check of documents
 * (steps, action modules, inputs) belongs to the component-document validator.
 */
import { AwsError } from '../../../kernel/errors.js';

export async function componentTypeOf(data: string): Promise<'BUILD' | 'TEST'> {
  // Loaded on first use: the YAML parser is a noticeable part of Kiln's start-up otherwise.
  const { parse } = await import('yaml');
  let doc: unknown;
  try {
    doc = parse(data);
  } catch (error) {
    throw new AwsError('InvalidParameterValueException', `The value supplied for parameter 'data' is not valid. The document is not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  const phases = (doc as { phases?: unknown })?.phases;
  if (!Array.isArray(phases) || phases.length === 0) {
    throw new AwsError('InvalidParameterValueException', "The value supplied for parameter 'data' is not valid. The document must contain a 'phases' list.");
  }
  const names = phases.map((phase) => (phase as { name?: unknown })?.name);
  return names.every((name) => name === 'test' || name === 'container-host-test') ? 'TEST' : 'BUILD';
}
