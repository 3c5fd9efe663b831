/**
 * Wire text of frozen values. A handler that remembers a value across requests
 * (HandlerContext.remember) hands out the same deep-frozen object each time; it cannot change, so
 * each protocol's writer writes it once per shape and reuses the text.
 */
import type { Shape } from './model.js';

/** Per shape, because one object may be written as more than one shape. */
const texts = new WeakMap<Shape, WeakMap<object, string>>();

/** `write(value)`, remembered for a frozen object or array; any other value is written afresh. */
export function textOf(shape: Shape, value: unknown, write: (value: unknown) => string): string {
  if (typeof value !== 'object' || value === null || !Object.isFrozen(value)) return write(value);
  let byValue = texts.get(shape);
  if (!byValue) texts.set(shape, (byValue = new WeakMap()));
  let text = byValue.get(value);
  if (text === undefined) byValue.set(value, (text = write(value)));
  return text;
}
