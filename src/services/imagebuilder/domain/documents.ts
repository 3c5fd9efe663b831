/**
 * Component documents as CreateComponent takes them: checked as AWSTOE checks them
 * (component-document/validate.ts), a bad document answered with InvalidParameterValueException
 * saying where and what is wrong. A document whose phases are only test phases is a TEST
 * component, any other a BUILD component.
 */
import { AwsError } from '../../../kernel/errors.js';
import type { ComponentDocument } from './component-document/validate.js';

/** Loaded on first use: the YAML parser is a noticeable part of Kiln's start-up otherwise. */
async function validator(): Promise<typeof import('./component-document/validate.js')> {
  return import('./component-document/validate.js');
}

/** The checked document; `platform` is the component's (some action modules run on one platform only). */
export async function readComponentDocument(data: string, platform?: string, parameter = 'data'): Promise<ComponentDocument> {
  const { validateComponentDocument, DocumentProblem } = await validator();
  try {
    return validateComponentDocument(data, platform);
  } catch (error) {
    if (!(error instanceof DocumentProblem)) throw error;
    // AWS's prefix for a bad parameter value; what follows is Kiln's wording of AWSTOE's finding.
    throw new AwsError('InvalidParameterValueException', `The value supplied for parameter '${parameter}' is not valid. ${error.message}`);
  }
}

export async function componentTypeOf(data: string, platform?: string): Promise<'BUILD' | 'TEST'> {
  return (await readComponentDocument(data, platform)).type;
}
