/**
 * Where a component document is wrong, said the way a user finds it: the line and column (1-based)
 * of the offending YAML node, the phase and step it belongs to, and what is wrong.
 */
import { isMap, isScalar, isSeq, type LineCounter, type Node, type Pair } from 'yaml';

export interface Context {
  phase?: string;
  step?: string;
}

export class DocumentProblem extends Error {
  constructor(readonly line: number, readonly column: number, readonly context: Context, readonly problem: string) {
    super(`Line ${line}, column ${column}${describeContext(context)}: ${problem}`);
    this.name = 'DocumentProblem';
  }
}

function describeContext(context: Context): string {
  const parts = [context.phase === undefined ? '' : `phase '${context.phase}'`, context.step === undefined ? '' : `step '${context.step}'`].filter(Boolean);
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}

/** Raises problems against the nodes of one parsed document. */
export class Reporter {
  constructor(private readonly lines: LineCounter) {}

  at(offset: number, context: Context, problem: string): never {
    const { line, col } = this.lines.linePos(offset);
    throw new DocumentProblem(line, col, context, problem);
  }

  fail(node: Node | Pair | null | undefined, context: Context, problem: string): never {
    const target = node && 'range' in node ? node : (node as Pair | null)?.key as Node | undefined;
    return this.at(target?.range?.[0] ?? 0, context, problem);
  }
}

/** A node's scalar value as text (numbers and booleans as written), or undefined for anything else. */
export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  return typeof node.value === 'string' ? node.value : node.source ?? String(node.value);
}

export function describeNode(node: unknown): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return node.value === null ? 'empty' : typeof node.value === 'string' ? 'a string' : `the ${typeof node.value} ${String(node.value)}`;
  return 'empty';
}
