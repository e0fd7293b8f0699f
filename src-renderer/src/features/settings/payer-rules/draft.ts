/**
 * The rule set being edited, held as plain JSON: every input reads and writes one path of it
 * ('clocks.appealDays', 'evidence.crps.2.minMonths'). What a person types goes to the backend as
 * typed where it is not a number or a list yet, so the backend's own check says what is wrong,
 * beside the field, in the same words as for the templates file. Pure.
 */
export type Path = readonly (string | number)[];

export function getIn(obj: unknown, path: Path): unknown {
  let v: unknown = obj;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[k];
  }
  return v;
}

/** A copy with the value at `path` replaced (objects and arrays along the way copied). */
export function setIn<T>(obj: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const cur = (obj ?? (typeof head === 'number' ? [] : {})) as Record<string | number, unknown>;
  const copy = (Array.isArray(cur) ? [...cur] : { ...cur }) as Record<string | number, unknown>;
  copy[head] = setIn(cur[head], rest, value);
  return copy as T;
}

/** The API's field name for a path of the rule set (issues come back as 'rules.<path>'). */
export const fieldName = (path: Path) => ['rules', ...path].join('.');
/** A DOM id for a path's input. */
export const fieldId = (path: Path) => `rule-${path.join('-')}`;

/** Typed digits become a number; anything else is sent as typed for the backend to name. */
export function typedNumber(text: string): number | string {
  const t = text.trim();
  if (t === '') return '';
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : text;
}

/** "G90.5, G56.4" ⇄ ['G90.5', 'G56.4']; a trailing comma or space is kept while typing, dropped on save. */
export const listText = (v: unknown) => (Array.isArray(v) ? v.map(String).join(', ') : '');
export const textList = (t: string) => (t === '' ? [] : t.split(/,\s*/));

/** Before saving: list pieces trimmed, blank pieces dropped; warning days as numbers where typed so. */
export function tidy(rules: unknown): unknown {
  const walk = (v: unknown, key: string | null): unknown => {
    if (Array.isArray(v)) {
      const items = v.map((x) => (typeof x === 'string' ? x.trim() : walk(x, null))).filter((x) => x !== '');
      return key === 'expiryWarningDays' ? items.map((x) => (typeof x === 'string' ? typedNumber(x) : x)) : items;
    }
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(rules, null);
}
