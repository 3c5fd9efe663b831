/**
 * The `{{ ... }}` expressions of a component document (toe-use-documents.md "Input and output
 * chaining", the variables and looping-constructs pages):
 *
 * - `{{ Name }}`: a parameter or constant of the document;
 * - `{{ phase.step.inputs.var }}`, `{{ phase.step.inputs[0].var }}`, `{{ phase.step.outputs.var }}`:
 *   chaining, to a step that runs earlier;
 * - `{{ loop.index }}`, `{{ loop.value }}`, `{{ <loop name>.index }}`: the step's own loop.
 *
 * Anything else between braces (`{{ .State.Running }}` in a `docker inspect --format` command,
 * say) is not AWSTOE's and is left alone, as AWSTOE leaves what it does not resolve.
 */
export const PHASE_NAMES = ['build', 'validate', 'test', 'container-host-test'] as const;
export type PhaseName = (typeof PHASE_NAMES)[number];

export type Expression =
  | { kind: 'variable'; text: string; name: string }
  | { kind: 'chain'; text: string; phase: PhaseName; step: string; section: 'inputs' | 'outputs'; index?: number; field: string }
  | { kind: 'loop'; text: string; loop: string; member: 'index' | 'value' }
  | { kind: 'malformedChain'; text: string; phase: PhaseName };

const EXPRESSION = /\{\{\s*(.*?)\s*\}\}/g;
const VARIABLE = /^[A-Za-z0-9_-]+$/;
const CHAIN = /^([a-z-]+)\.([^.[\]{}]+)\.(inputs|outputs)(?:\[(\d+)\])?\.([A-Za-z0-9_-]+)$/;
const LOOP = /^([A-Za-z0-9_-]+)\.(index|value)$/;

function isPhaseName(name: string): name is PhaseName {
  return (PHASE_NAMES as readonly string[]).includes(name);
}

/** The AWSTOE expressions in a string, in order. */
export function expressionsIn(text: string): Expression[] {
  const found: Expression[] = [];
  for (const match of text.matchAll(EXPRESSION)) {
    const body = match[1];
    const chain = CHAIN.exec(body);
    if (chain && isPhaseName(chain[1])) {
      found.push({
        kind: 'chain', text: match[0], phase: chain[1], step: chain[2], section: chain[3] as 'inputs' | 'outputs',
        index: chain[4] === undefined ? undefined : Number(chain[4]), field: chain[5],
      });
      continue;
    }
    const firstPart = body.split('.')[0];
    if (isPhaseName(firstPart) && body.includes('.')) {
      found.push({ kind: 'malformedChain', text: match[0], phase: firstPart });
      continue;
    }
    const loop = LOOP.exec(body);
    if (loop) {
      found.push({ kind: 'loop', text: match[0], loop: loop[1], member: loop[2] as 'index' | 'value' });
      continue;
    }
    if (VARIABLE.test(body)) found.push({ kind: 'variable', text: match[0], name: body });
  }
  return found;
}

/** Whether the phase runs in Image Builder's test stage (the others run in its build stage). */
export function isTestStage(phase: PhaseName): boolean {
  return phase === 'test' || phase === 'container-host-test';
}
