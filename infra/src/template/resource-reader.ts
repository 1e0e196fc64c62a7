import { TemplateError } from '../errors.js';
import { NO_VALUE, type TemplateEvaluator } from './evaluator.js';
import type { IssueList } from './issues.js';
import { essentialValueError, type Location, reportUnresolvable, UnresolvableError } from './unresolvable.js';
import { describe, ownValue, scalarToString, type TemplateObject } from './values.js';

/**
 * Reads the evaluated properties of one resource. An essential property that cannot be known
 * locally is a TemplateError; an optional one becomes an issue and reads as absent.
 */
export class ResourceReader {
  /** Paths of the optional values that could not be known locally (already reported). */
  private readonly unresolved = new Set<string>();

  constructor(
    readonly logicalId: string,
    readonly properties: TemplateObject,
    private readonly evaluator: TemplateEvaluator,
    private readonly issues: IssueList,
  ) {}

  at(path: string): Location {
    return { resource: this.logicalId, property: `Properties.${path}` };
  }

  fail(path: string, message: string): TemplateError {
    return new TemplateError(message, this.logicalId, `Properties.${path}`);
  }

  has(key: string): boolean {
    return ownValue(this.properties, key) !== undefined;
  }

  /** An essential property: a function cannot run without knowing it. */
  essential(key: string): unknown {
    const raw = ownValue(this.properties, key);
    if (raw === undefined) return undefined;
    try {
      return present(this.evaluator.resolve(raw, this.at(key)));
    } catch (error) {
      if (error instanceof UnresolvableError) throw essentialValueError(this.at(key), error);
      throw error;
    }
  }

  /** An optional property; the parts that cannot be known locally are reported and left out. */
  optional(key: string): unknown {
    const raw = ownValue(this.properties, key);
    if (raw === undefined) return undefined;
    return this.optionalAt(raw, this.at(key));
  }

  /** Evaluates a value found elsewhere in the resource (`Metadata`), leniently. */
  optionalAt(raw: unknown, at: Location): unknown {
    return present(
      this.evaluator.resolveLeniently(raw, at, (place, error) => {
        this.unresolved.add(place.property);
        reportUnresolvable(this.issues, place, error);
      }),
    );
  }

  /** Whether a value at `path` (or inside it) was left out because it cannot be known locally. */
  wasUnresolved(path: string): boolean {
    const property = `Properties.${path}`;
    return [...this.unresolved].some((place) => place === property || place.startsWith(`${property}.`));
  }

  /** A string property; numbers and booleans read as their text, as CloudFormation passes them. */
  string(key: string, importance: 'essential' | 'optional'): string | undefined {
    const value = importance === 'essential' ? this.essential(key) : this.optional(key);
    if (value === undefined) return undefined;
    const text = scalarToString(value);
    if (text === undefined) throw this.fail(key, `must be a string, got ${describe(value)}`);
    return text;
  }

  /** An integer property within [min, max]; numeric strings count, as CloudFormation accepts them. */
  integer(key: string, range: { min: number; max: number }): number | undefined {
    const value = this.optional(key);
    if (value === undefined) return undefined;
    return integerIn(value, range, (message) => this.fail(key, message));
  }
}

/** Checks an integer within [min, max]; `fail` builds the error naming the property. */
export function integerIn(
  value: unknown,
  range: { min: number; max: number },
  fail: (message: string) => TemplateError,
): number {
  const text = scalarToString(value);
  const number = text === undefined || text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isInteger(number)) throw fail(`must be an integer, got ${describe(value)}`);
  if (number < range.min || number > range.max) {
    throw fail(`must be between ${range.min} and ${range.max}, got ${number}`);
  }
  return number;
}

function present(value: unknown): unknown {
  return value === NO_VALUE ? undefined : value;
}
