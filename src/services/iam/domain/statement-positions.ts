/**
 * Where each statement of a policy text begins and ends, as the IAM policy simulator reports it
 * in `MatchedStatements[].StartPosition` / `EndPosition` (1-based lines and columns).
 *
 * AWS's positions are those of a streaming JSON parser: the point just after the last character
 * it had read when it began a statement, and just after the statement's closing `}`. Two
 * documented outputs fix the rule:
 *  - simulate-custom-policy (AWS CLI example) on the one-line `{"Version":"2012-10-17","Statement":{...}}`
 *    answers Start column 38 (just after the statement's `{`, which is column 37) and End
 *    column 167 (just after the final statement `}` at column 166);
 *  - SimulatePrincipalPolicy with AdministratorAccess (2-space indented, `"Statement": [` on
 *    line 3) answers Start 3:17 (just after the `[`) and End 8:6 (just after the `}` on line 8).
 * So a single statement object starts after its own `{`; in a list the first starts after the
 * `[` and each later one after the previous statement's `}` (INFERRED from the parser's shape:
 * no recorded output shows a second statement).
 */
import type { Position } from '../../../generated/iam.js';

export interface StatementSpan {
  StartPosition: Position;
  EndPosition: Position;
}

class Scanner {
  i = 0;
  constructor(readonly text: string) {}

  ws(): void {
    while (this.i < this.text.length && /\s/.test(this.text[this.i])) this.i++;
  }

  expect(ch: string): void {
    this.ws();
    if (this.text[this.i] !== ch) throw new Error(`expected ${ch}`);
    this.i++;
  }

  string(): string {
    this.expect('"');
    const start = this.i;
    while (this.i < this.text.length && this.text[this.i] !== '"') this.i += this.text[this.i] === '\\' ? 2 : 1;
    if (this.i >= this.text.length) throw new Error('unterminated string');
    this.i++;
    return JSON.parse(this.text.slice(start - 1, this.i)) as string;
  }

  /** Skips one value; returns the index of its last character. */
  value(): number {
    this.ws();
    const ch = this.text[this.i];
    if (ch === '"') { this.string(); return this.i - 1; }
    if (ch === '{' || ch === '[') {
      const close = ch === '{' ? '}' : ']';
      this.i++;
      this.ws();
      if (this.text[this.i] === close) { this.i++; return this.i - 1; }
      for (;;) {
        if (ch === '{') { this.string(); this.expect(':'); }
        this.value();
        this.ws();
        const next = this.text[this.i++];
        if (next === close) return this.i - 1;
        if (next !== ',') throw new Error('expected , or close');
      }
    }
    const start = this.i;
    while (this.i < this.text.length && !/[\s,\]}]/.test(this.text[this.i])) this.i++;
    if (this.i === start) throw new Error('expected a value');
    return this.i - 1;
  }
}

/** The 1-based line and column just after the character at `index`. */
function after(text: string, index: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let k = text.indexOf('\n'); k >= 0 && k < index; k = text.indexOf('\n', k + 1)) { line++; lineStart = k + 1; }
  return { Line: line, Column: index - lineStart + 2 };
}

/** The spans of the statements of a policy text, in order; empty when the text cannot be read. */
export function statementPositions(text: string): StatementSpan[] {
  const s = new Scanner(text);
  try {
    s.expect('{');
    s.ws();
    if (text[s.i] === '}') return [];
    for (;;) {
      const key = s.string();
      s.expect(':');
      if (key === 'Statement') return statementSpans(s);
      s.value();
      s.ws();
      if (text[s.i++] !== ',') return [];
    }
  } catch {
    return [];
  }
}

function statementSpans(s: Scanner): StatementSpan[] {
  const { text } = s;
  s.ws();
  if (text[s.i] === '{') {
    const open = s.i;
    const close = s.value();
    return [{ StartPosition: after(text, open), EndPosition: after(text, close) }];
  }
  if (text[s.i] !== '[') return [];
  let previous = s.i;
  s.i++;
  const spans: StatementSpan[] = [];
  s.ws();
  if (text[s.i] === ']') return spans;
  for (;;) {
    const close = s.value();
    spans.push({ StartPosition: after(text, previous), EndPosition: after(text, close) });
    previous = close;
    s.ws();
    const next = text[s.i++];
    if (next !== ',') return spans;
  }
}
