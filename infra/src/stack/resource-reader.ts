import { TemplateError } from '../core/errors.js';
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
    /** Where `properties` sit in the resource: `Properties`, or a SAM event's `Properties.Events.<Name>.Properties`. */
    readonly base = 'Properties',
  ) {}

  /** A reader of a mapping nested in this one (a SAM event's properties), reporting paths from the resource. */
  nested(path: string, properties: TemplateObject): ResourceReader {
    return new ResourceReader(
      this.logicalId,
      properties,
      this.evaluator,
      this.issues,
      `${this.base}.${path}`,
    );
  }

  at(path: string): Location {
    return { resource: this.logicalId, property: `${this.base}.${path}` };
  }

  fail(path: string, message: string): TemplateError {
    return new TemplateError(message, this.logicalId, `${this.base}.${path}`);
  }

  /** Reports a feature the local cloud does not honour, at a path of this reader. */
  report(path: string, message: string): void {
    this.issues.add(this.logicalId, `${this.base}.${path}`, message);
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

  /**
   * The property that names the resource (`FunctionName`, `BucketName`…), essential. Read through the
   * evaluator's cache, so that names defined through each other are reported as a cycle.
   */
  name(key: string): string | undefined {
    try {
      return this.evaluator.resourceProperty(this.logicalId, key);
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

  /**
   * A value used whole or not at all, such as a policy document: leaving out the one condition that
   * cannot be known locally would widen what the policy allows. When any part is unknowable, the
   * value is reported at `path` and reads as absent; `AWS::NoValue` also reads as absent.
   */
  whole(raw: unknown, path: string): unknown {
    try {
      return present(this.evaluator.resolve(raw, this.at(path)));
    } catch (error) {
      if (!(error instanceof UnresolvableError)) throw error;
      this.unresolved.add(this.at(path).property);
      reportUnresolvable(this.issues, this.at(path), error);
      return undefined;
    }
  }

  /** The value of a named condition, for the `Fn::If` SAM itself reads (in `Policies`). */
  condition(name: string, path: string): boolean {
    try {
      return this.evaluator.condition(name, this.at(path));
    } catch (error) {
      if (error instanceof UnresolvableError) throw essentialValueError(this.at(path), error);
      throw error;
    }
  }

  /** Whether a value at `path` (or inside it) was left out because it cannot be known locally. */
  wasUnresolved(path: string): boolean {
    const property = `${this.base}.${path}`;
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

  /** A boolean property; `"true"` and `"false"` count, as CloudFormation accepts them. */
  boolean(key: string): boolean | undefined {
    const value = this.optional(key);
    if (value === undefined) return undefined;
    return booleanOf(value, (message) => this.fail(key, message));
  }
}

/** Checks a boolean, written as one or as the string `true` / `false`. */
export function booleanOf(value: unknown, fail: (message: string) => TemplateError): boolean {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw fail(`must be true or false, got ${describe(value)}`);
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
