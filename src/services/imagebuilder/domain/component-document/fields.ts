/** Reading the fields of a YAML mapping, by name, with the checks every mapping of a document gets. */
import { isScalar, type Node, type Pair, type YAMLMap } from 'yaml';
import { scalarText, type Context, type Reporter } from './problems.js';

export interface Field {
  pair: Pair;
  key: Node;
  value: Node | null;
}

/** The fields of a mapping by name (unquoted `{{ }}` keys are found before, see validate.ts). */
export function fieldsOf(map: YAMLMap, reporter: Reporter, context: Context): Map<string, Field> {
  const fields = new Map<string, Field>();
  for (const pair of map.items as Pair[]) {
    const key = pair.key as Node;
    if (!isScalar(key)) reporter.fail(key ?? map, context, 'every key of a mapping must be plain text');
    fields.set(scalarText(key) ?? '', { pair, key, value: (pair.value as Node | null) ?? null });
  }
  return fields;
}

/** Refuses fields the schema does not define. */
export function onlyFields(fields: Map<string, Field>, allowed: readonly string[], what: string, reporter: Reporter, context: Context): void {
  for (const [name, field] of fields) {
    if (!allowed.includes(name)) {
      reporter.fail(field.key, context, `unknown field '${name}' in ${what}; the fields of ${what} are ${allowed.join(', ')}`);
    }
  }
}
