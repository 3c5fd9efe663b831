/** Image Builder list filters: each filter names a field and values; a record matches a filter when any value matches, and must match every filter. */
import { AwsError } from '../../../kernel/errors.js';
import type { Filter } from '../../../generated/imagebuilder.js';

export function matchesFilters<T>(record: T, filters: Filter[], fields: Record<string, (record: T) => string[]>): boolean {
  return filters.every((filter) => {
    const read = fields[filter.name ?? ''];
    if (!read) {
      throw new AwsError('InvalidParameterValueException', `The value supplied for parameter 'filters' is not valid. The filter name '${filter.name}' is not supported. Supported names: ${Object.keys(fields).join(', ')}.`);
    }
    const values = read(record);
    return (filter.values ?? []).some((value) => values.includes(value));
  });
}
