import { booleanOf, integerIn, type ResourceReader } from './resource-reader.js';
import { childPath, describe, isObject, scalarToString, type TemplateObject } from './values.js';

/**
 * Readers of the parts of an evaluated property (a CORS rule, a key schema…): each checks the shape
 * CloudFormation's resource schema demands and names the exact path when it is wrong.
 */

/**
 * A mapping whose keys are among `known`. CloudFormation refuses keys its schema does not declare
 * ("extraneous key … is not permitted"), so a typo fails here as it would on AWS.
 */
export function mappingAt(
  reader: ResourceReader,
  path: string,
  value: unknown,
  known: readonly string[],
): TemplateObject {
  if (!isObject(value)) throw reader.fail(path, `must be a mapping, got ${describe(value)}`);
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      throw reader.fail(childPath(path, key), `is not a property here (expected one of ${known.join(', ')})`);
    }
  }
  return value;
}

export function listAt(reader: ResourceReader, path: string, value: unknown): unknown[] {
  if (!Array.isArray(value)) throw reader.fail(path, `must be a list, got ${describe(value)}`);
  return value;
}

export function stringAt(reader: ResourceReader, path: string, value: unknown): string {
  const text = scalarToString(value);
  if (text === undefined) throw reader.fail(path, `must be a string, got ${describe(value)}`);
  return text;
}

/** A value the schema requires; `what` says what it is for the message. */
export function requiredAt(reader: ResourceReader, path: string, value: unknown, what = ''): unknown {
  if (value === undefined) throw reader.fail(path, `is required${what ? ` (${what})` : ''}`);
  return value;
}

export function stringListAt(reader: ResourceReader, path: string, value: unknown): string[] {
  return listAt(reader, path, value).map((item, index) => stringAt(reader, childPath(path, index), item));
}

export function integerAt(
  reader: ResourceReader,
  path: string,
  value: unknown,
  range: { min: number; max: number },
): number {
  return integerIn(value, range, (message) => reader.fail(path, message));
}

export function booleanAt(reader: ResourceReader, path: string, value: unknown): boolean {
  return booleanOf(value, (message) => reader.fail(path, message));
}

export function oneOf<T extends string>(
  reader: ResourceReader,
  path: string,
  value: unknown,
  allowed: readonly T[],
): T {
  const text = stringAt(reader, path, value);
  if (!(allowed as readonly string[]).includes(text)) {
    throw reader.fail(path, `must be one of ${allowed.join(', ')}; got '${text}'`);
  }
  return text as T;
}

/** Tags as SAM writes them (a map) or as CloudFormation does (a list of Key/Value). */
export function tagsOf(reader: ResourceReader, form: 'map' | 'list'): Record<string, string> {
  const value = reader.optional('Tags');
  if (value === undefined) return {};
  let entries: Array<[unknown, unknown]>;
  if (form === 'map') {
    if (!isObject(value)) {
      throw reader.fail('Tags', `must be a mapping of tag names to values, got ${describe(value)}`);
    }
    entries = Object.entries(value);
  } else {
    if (!Array.isArray(value) || !value.every(isObject)) {
      throw reader.fail('Tags', `must be a list of Key/Value pairs, got ${describe(value)}`);
    }
    entries = value.map((tag) => [tag.Key, tag.Value]);
  }
  const tags: Record<string, string> = {};
  for (const [key, tagValue] of entries) {
    const keyText = scalarToString(key);
    const valueText = scalarToString(tagValue ?? '');
    if (!keyText || valueText === undefined) {
      throw reader.fail('Tags', `tag ${describe(key)} needs a string key and value`);
    }
    tags[keyText] = valueText;
  }
  return tags;
}
