/** The outcome of turning one variable's text into the property's declared type. */
export type Conversion = { ok: true; value: unknown } | { ok: false; expected: string };

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

/**
 * Converts by `design:type` before class-transformer sees the value, because its implicit
 * conversion is `Boolean('false') === true` and `Number('') === 0`. What it handles well (nested
 * classes, `@Type()` element types of lists) is left to it.
 */
export function convertValue(raw: string, designType: unknown): Conversion {
  if (designType === Number) {
    const text = raw.trim();
    const value = Number(text);
    return text === '' || Number.isNaN(value)
      ? { ok: false, expected: 'must be a number' }
      : { ok: true, value };
  }
  if (designType === Boolean) {
    const text = raw.trim().toLowerCase();
    if (TRUE.has(text)) return { ok: true, value: true };
    if (FALSE.has(text)) return { ok: true, value: false };
    return { ok: false, expected: 'must be a boolean: true, false, 1, 0, yes, no, on or off' };
  }
  if (designType === Array) return convertList(raw);
  if (designType === Date) {
    const value = new Date(raw.trim());
    return Number.isNaN(value.getTime())
      ? { ok: false, expected: 'must be a date, e.g. 2024-01-31T12:00:00Z' }
      : { ok: true, value };
  }
  return { ok: true, value: raw };
}

/** A JSON array (`["a","b"]`) or a comma-separated list (`a, b`; empty items dropped). */
function convertList(raw: string): Conversion {
  const text = raw.trim();
  const expected = 'must be a JSON array or a comma-separated list';
  if (text.startsWith('[')) {
    try {
      const value: unknown = JSON.parse(text);
      return Array.isArray(value) ? { ok: true, value } : { ok: false, expected };
    } catch {
      return { ok: false, expected };
    }
  }
  return {
    ok: true,
    value: text
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== ''),
  };
}
