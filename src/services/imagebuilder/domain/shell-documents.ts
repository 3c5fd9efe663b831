/**
 * ImportComponent's SHELL format: "For the SHELL format, Image Builder wraps your script in a
 * component document with a single step that runs the script" (AWS CLI reference,
 * import-component). The exact document AWS stores is not published; Kiln's has the component's
 * name and description, schema 1.0, one phase (`build` for a BUILD component, `test` for a TEST
 * one) and one step that runs the script whole: ExecutePowerShell on Windows, ExecuteBash elsewhere.
 */
import type { ComponentType, Platform } from '../../../generated/imagebuilder.js';

export async function wrapShellScript(script: string, options: { name: string; description?: string; type: ComponentType; platform: Platform }): Promise<string> {
  const { stringify } = await import('yaml');
  const header = stringify(options.description === undefined ? { name: options.name } : { name: options.name, description: options.description });
  const phases = stringify({
    phases: [{
      name: options.type === 'TEST' ? 'test' : 'build',
      steps: [{
        name: 'RunScript',
        action: options.platform === 'Windows' ? 'ExecutePowerShell' : 'ExecuteBash',
        inputs: { commands: [script] },
      }],
    }],
  }, { blockQuote: 'literal', lineWidth: 0 });
  // schemaVersion written by hand: a YAML library writes the number 1.0 as `1`.
  return `${header}schemaVersion: 1.0\n${phases}`;
}
