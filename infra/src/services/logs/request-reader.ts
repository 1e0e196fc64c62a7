import { ServiceError } from '../../core/errors.js';
import { invalidParameter } from './errors.js';

/** Constraints of a string member, as the service model states them. */
export interface StringRules {
  min?: number;
  max?: number;
  /** The model's pattern, quoted as is in the error message. */
  pattern?: string;
}

const INTEGER_MAX = 2 ** 31 - 1;

/**
 * Reads the members of a request the way the service's front end does: a member of the wrong JSON type
 * fails at once with `SerializationException`; constraint violations (missing, too long, out of range,
 * pattern) are collected and reported together by {@link check} as one `InvalidParameterException`
 * ("2 validation errors detected: Value '0' at 'limit' failed to satisfy constraint: …; …").
 * `Request` is the SDK's input type, so member names are checked against the model.
 */
export class RequestReader<Request extends object> {
  constructor(
    private readonly input: Record<string, unknown>,
    /** Where this structure sits in the request (`logEvents.1.member.`), for the messages. */
    private readonly path = '',
    private readonly problems: string[] = [],
  ) {}

  /** A reader of a nested structure whose violations are reported with this request's. */
  nested<Member extends object>(input: Record<string, unknown>, path: string): RequestReader<Member> {
    return new RequestReader<Member>(input, `${this.path}${path}.`, this.problems);
  }

  /** A string member; `required` records a violation when it is missing. */
  string(
    member: keyof Request & string,
    rules: StringRules & { required?: boolean } = {},
  ): string | undefined {
    const value = this.member(member);
    if (value === undefined) {
      if (rules.required) this.missing(member);
      return undefined;
    }
    if (typeof value !== 'string') throw wrongType(value, 'a String');
    this.checkString(member, value, rules);
    return value;
  }

  /** An integer member (Integer or Long in the model). */
  integer(
    member: keyof Request & string,
    rules: { min?: number; max?: number; required?: boolean; long?: boolean } = {},
  ): number | undefined {
    const value = this.member(member);
    if (value === undefined) {
      if (rules.required) this.missing(member);
      return undefined;
    }
    const type = rules.long ? 'a Long' : 'an Integer';
    if (typeof value !== 'number' || !Number.isInteger(value)) throw wrongType(value, type);
    if (!Number.isSafeInteger(value) || (!rules.long && Math.abs(value) > INTEGER_MAX))
      throw wrongType(value, type);
    this.checkRange(member, value, rules);
    return value;
  }

  boolean(member: keyof Request & string): boolean | undefined {
    const value = this.member(member);
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') throw wrongType(value, 'a Boolean');
    return value;
  }

  /** A string member that must be one of `values`. */
  enumeration<Value extends string>(
    member: keyof Request & string,
    values: readonly Value[],
  ): Value | undefined {
    const value = this.string(member);
    if (value !== undefined && !(values as readonly string[]).includes(value)) {
      this.violation(member, value, `Member must satisfy enum value set: [${values.join(', ')}]`);
      return undefined;
    }
    return value as Value | undefined;
  }

  /** A list of strings. */
  stringList(
    member: keyof Request & string,
    rules: { minItems?: number; maxItems?: number; item?: StringRules } = {},
  ): string[] | undefined {
    const value = this.member(member);
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) throw wrongType(value, 'a List');
    const items = value.map((item) => {
      if (typeof item !== 'string') throw wrongType(item, 'a String');
      return item;
    });
    this.checkCount(member, items, rules);
    if (rules.item) {
      for (const item of items) this.checkString(`${member}.member`, item, rules.item);
    }
    return items;
  }

  /** A list of structures, handed back as records for the caller to read member by member. */
  structureList(
    member: keyof Request & string,
    rules: { minItems?: number; maxItems?: number; required?: boolean } = {},
  ): Array<Record<string, unknown>> | undefined {
    const value = this.member(member);
    if (value === undefined) {
      if (rules.required) this.missing(member);
      return undefined;
    }
    if (!Array.isArray(value)) throw wrongType(value, 'a List');
    const items = value.map((item) => {
      if (item === null || typeof item !== 'object' || Array.isArray(item))
        throw wrongType(item, 'a Structure');
      return item as Record<string, unknown>;
    });
    this.checkCount(member, items, rules);
    return items;
  }

  private violation(member: string, value: unknown, constraint: string): void {
    this.problems.push(
      `Value '${renderValue(value)}' at '${this.path}${member}' failed to satisfy constraint: ${constraint}`,
    );
  }

  private missing(member: string): void {
    this.problems.push(
      `Value null at '${this.path}${member}' failed to satisfy constraint: Member must not be null`,
    );
  }

  /** Throws the violations found so far, if any. */
  check(): void {
    const count = this.problems.length;
    if (count === 0) return;
    const heading = `${count} validation error${count === 1 ? '' : 's'} detected: `;
    throw invalidParameter(heading + this.problems.join('; '));
  }

  private member(member: string): unknown {
    const value = Object.hasOwn(this.input, member) ? this.input[member] : undefined;
    // The service's JSON reader treats an explicit null as an absent member.
    return value === null ? undefined : value;
  }

  private checkString(member: string, value: string, rules: StringRules): void {
    if (rules.pattern !== undefined && !new RegExp(`^(?:${rules.pattern})$`).test(value)) {
      this.violation(member, value, `Member must satisfy regular expression pattern: ${rules.pattern}`);
    }
    if (rules.min !== undefined && value.length < rules.min) {
      this.violation(member, value, `Member must have length greater than or equal to ${rules.min}`);
    }
    if (rules.max !== undefined && value.length > rules.max) {
      this.violation(member, value, `Member must have length less than or equal to ${rules.max}`);
    }
  }

  private checkRange(member: string, value: number, rules: { min?: number; max?: number }): void {
    if (rules.min !== undefined && value < rules.min) {
      this.violation(member, value, `Member must have value greater than or equal to ${rules.min}`);
    }
    if (rules.max !== undefined && value > rules.max) {
      this.violation(member, value, `Member must have value less than or equal to ${rules.max}`);
    }
  }

  private checkCount(
    member: string,
    items: readonly unknown[],
    rules: { minItems?: number; maxItems?: number },
  ): void {
    if (rules.minItems !== undefined && items.length < rules.minItems) {
      this.violation(member, items, `Member must have length greater than or equal to ${rules.minItems}`);
    }
    if (rules.maxItems !== undefined && items.length > rules.maxItems) {
      this.violation(member, items, `Member must have length less than or equal to ${rules.maxItems}`);
    }
  }
}

function renderValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(renderValue).join(', ')}]`;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** How the service's JSON reader words a member of the wrong type. */
function wrongType(value: unknown, expected: string): ServiceError {
  if (Array.isArray(value)) return serializationError('Start of list found where not expected');
  if (value !== null && typeof value === 'object') {
    return serializationError('Start of structure or map found where not expected.');
  }
  const kinds: Record<string, string> = {
    string: 'STRING_VALUE',
    number: 'NUMBER_VALUE',
    boolean: `${value}`.toUpperCase(),
  };
  const kind = kinds[typeof value] ?? 'VALUE';
  return serializationError(`${kind} can not be converted to ${expected}`);
}

function serializationError(message: string): ServiceError {
  return new ServiceError('SerializationException', message, 400);
}
