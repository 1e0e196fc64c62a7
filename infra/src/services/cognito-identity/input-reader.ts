import type { ServiceError } from '../../core/errors.js';
import { serializationError, validationError } from './errors.js';

/** Constraints of a string member (or of a map's keys or values), as the service model states them. */
export interface StringRules {
  min?: number;
  max?: number;
  /** The model's pattern, quoted as is in the error message. */
  pattern?: string;
}

/** The model's `IdentityPoolId` and `IdentityId` shape: `REGION:GUID`, 1–55 characters. */
export const POOL_OR_IDENTITY_ID: StringRules = { min: 1, max: 55, pattern: '[\\w-]+:[0-9a-f-]+' };

/**
 * Reads a request's members the way Cognito Identity's front end does: a member of the wrong JSON type
 * fails at once with `SerializationException`; constraint violations are collected and reported together
 * by {@link check} ("1 validation error detected: Value 'x' at 'identityPoolId' failed to satisfy
 * constraint: …"). `Input` is the SDK's input type, so member names are checked against the model.
 */
export class InputReader<Input extends object> {
  private readonly problems: string[] = [];

  constructor(private readonly input: Record<string, unknown>) {}

  string(member: keyof Input & string, rules: StringRules & { required?: boolean } = {}): string | undefined {
    const value = this.member(member);
    if (value === undefined) {
      if (rules.required) this.missing(member);
      return undefined;
    }
    if (typeof value !== 'string') throw wrongType(value, 'a String');
    for (const constraint of stringViolations(value, rules)) this.violation(member, value, constraint);
    return value;
  }

  integer(member: keyof Input & string, rules: { min?: number; max?: number } = {}): number | undefined {
    const value = this.member(member);
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw wrongType(value, 'a Long');
    if (rules.min !== undefined && value < rules.min)
      this.violation(member, value, `Member must have value greater than or equal to ${rules.min}`);
    if (rules.max !== undefined && value > rules.max)
      this.violation(member, value, `Member must have value less than or equal to ${rules.max}`);
    return value;
  }

  /** A map of strings to strings (`Logins`, `PrincipalTags`). */
  stringMap(
    member: keyof Input & string,
    rules: { required?: boolean; maxEntries?: number; key?: StringRules; value?: StringRules } = {},
  ): Record<string, string> | undefined {
    const raw = this.member(member);
    if (raw === undefined) {
      if (rules.required) this.missing(member);
      return undefined;
    }
    if (typeof raw !== 'object' || Array.isArray(raw) || raw === null) throw wrongType(raw, 'a Map');
    const map: Record<string, string> = {};
    for (const [key, value] of Object.entries(raw)) {
      if (typeof value !== 'string') throw wrongType(value, 'a String');
      map[key] = value;
    }
    const entries = Object.entries(map);
    if (rules.maxEntries !== undefined && entries.length > rules.maxEntries) {
      this.violation(member, map, `Member must have length less than or equal to ${rules.maxEntries}`);
    }
    const keyProblems = new Set(entries.flatMap(([key]) => stringViolations(key, rules.key ?? {})));
    if (keyProblems.size > 0)
      this.violation(member, map, `Map keys must satisfy constraint: [${[...keyProblems].join(', ')}]`);
    const valueProblems = new Set(entries.flatMap(([, value]) => stringViolations(value, rules.value ?? {})));
    if (valueProblems.size > 0)
      this.violation(member, map, `Map value must satisfy constraint: [${[...valueProblems].join(', ')}]`);
    return map;
  }

  /** Throws the violations found so far, if any, as one `ValidationException`. */
  check(): void {
    const count = this.problems.length;
    if (count === 0) return;
    throw validationError(
      `${count} validation error${count === 1 ? '' : 's'} detected: ${this.problems.join('; ')}`,
    );
  }

  private member(member: string): unknown {
    const value = Object.hasOwn(this.input, member) ? this.input[member] : undefined;
    // The service's JSON reader treats an explicit null as an absent member.
    return value === null ? undefined : value;
  }

  private violation(member: string, value: unknown, constraint: string): void {
    this.problems.push(
      `Value '${render(value)}' at '${wireName(member)}' failed to satisfy constraint: ${constraint}`,
    );
  }

  private missing(member: string): void {
    this.problems.push(
      `Value null at '${wireName(member)}' failed to satisfy constraint: Member must not be null`,
    );
  }
}

function stringViolations(value: string, rules: StringRules): string[] {
  const found: string[] = [];
  if (rules.pattern !== undefined && !new RegExp(`^(?:${rules.pattern})$`).test(value))
    found.push(`Member must satisfy regular expression pattern: ${rules.pattern}`);
  if (rules.min !== undefined && value.length < rules.min)
    found.push(`Member must have length greater than or equal to ${rules.min}`);
  if (rules.max !== undefined && value.length > rules.max)
    found.push(`Member must have length less than or equal to ${rules.max}`);
  return found;
}

/** The service's messages name members as its Java model does: `IdentityPoolId` → `identityPoolId`. */
function wireName(member: string): string {
  return member.charAt(0).toLowerCase() + member.slice(1);
}

/** Values as the service prints them; maps in Java's `{key=value, …}` form. */
function render(value: unknown): string {
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([key, item]) => `${key}=${String(item)}`)
      .join(', ')}}`;
  }
  return String(value);
}

function wrongType(value: unknown, expected: string): ServiceError {
  if (Array.isArray(value)) return serializationError('Start of list found where not expected');
  if (value !== null && typeof value === 'object')
    return serializationError('Start of structure or map found where not expected.');
  const kinds: Record<string, string> = { string: 'STRING_VALUE', number: 'NUMBER_VALUE' };
  const kind = kinds[typeof value] ?? `${value}`.toUpperCase();
  return serializationError(`${kind} can not be converted to ${expected}`);
}
