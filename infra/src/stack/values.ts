/** Helpers for the loosely typed values a parsed template is made of. */

export type TemplateObject = Record<string, unknown>;

export function isObject(value: unknown): value is TemplateObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * An intrinsic function call is a one-key object whose key is `Ref` or `Fn::…` (`Condition` only
 * counts inside conditions, because IAM statements and resources use `Condition` as a plain key).
 */
export function intrinsicName(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const [key] = keys as [string];
  return key === 'Ref' || key.startsWith('Fn::') ? key : undefined;
}

/** A short rendering of a template value for error messages. */
export function describe(value: unknown): string {
  const text = typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** CloudFormation hands scalars to resources as strings; YAML may have read them as numbers or booleans. */
export function scalarToString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Joins a property path the way issues and errors print it (`Properties.Environment.Variables.X`). */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

/** A record's own entry: template text must never reach `constructor` or `__proto__` through a lookup. */
export function ownValue<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
