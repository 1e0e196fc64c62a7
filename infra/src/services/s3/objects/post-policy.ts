import { accessDenied, entityTooLarge, entityTooSmall, invalidArgument } from '../errors.js';

/**
 * The policy of a browser-based POST upload: a base64 JSON document, signed by whoever issued the
 * form, saying until when it may be used and what each form field may hold. S3 refuses a form whose
 * fields the policy does not mention (except the signature itself, the file and `x-ignore-*`).
 */
export interface PostPolicy {
  /** When the policy expires, ms since the epoch. */
  expiresAt: number;
  conditions: PolicyCondition[];
  /** `content-length-range`, when the policy has one. */
  lengthRange?: { min: number; max: number };
}

type PolicyCondition =
  | { kind: 'eq'; field: string; value: string; text: string }
  | { kind: 'starts-with'; field: string; value: string; text: string }
  | { kind: 'length'; min: number; max: number };

const invalid = (message: string) => accessDenied(`Invalid Policy: ${message}`);

/** Decodes and checks the policy's shape (S3: `Invalid Policy: …`). */
export function parsePolicy(base64: string): PostPolicy {
  let document: unknown;
  try {
    document = JSON.parse(Buffer.from(base64, 'base64').toString('utf8'));
  } catch {
    throw invalid('Invalid JSON.');
  }
  if (typeof document !== 'object' || document === null) throw invalid('Invalid JSON.');
  const { expiration, conditions } = document as { expiration?: unknown; conditions?: unknown };
  const expiresAt = typeof expiration === 'string' ? Date.parse(expiration) : Number.NaN;
  if (Number.isNaN(expiresAt)) throw invalid("Invalid 'expiration' value.");
  if (!Array.isArray(conditions)) throw invalid('Policy missing conditions.');
  const policy: PostPolicy = { expiresAt, conditions: conditions.map(readCondition) };
  const length = policy.conditions.find((condition) => condition.kind === 'length');
  if (length?.kind === 'length') policy.lengthRange = { min: length.min, max: length.max };
  return policy;
}

function readCondition(condition: unknown): PolicyCondition {
  if (Array.isArray(condition)) {
    const [operator, first, second] = condition as unknown[];
    const op = String(operator).toLowerCase();
    if (op === 'content-length-range') {
      const min = Number(first);
      const max = Number(second);
      if (!Number.isInteger(min) || !Number.isInteger(max) || min < 0 || max < min) {
        throw invalid('Invalid content-length-range condition.');
      }
      return { kind: 'length', min, max };
    }
    if ((op === 'eq' || op === 'starts-with') && typeof first === 'string' && first.startsWith('$')) {
      return {
        kind: op,
        field: first.slice(1).toLowerCase(),
        value: String(second ?? ''),
        text: JSON.stringify(condition),
      };
    }
    throw invalid(`Invalid Condition: ${JSON.stringify(condition)}`);
  }
  if (typeof condition === 'object' && condition !== null) {
    const entries = Object.entries(condition);
    const [field, value] = entries[0] ?? [];
    if (entries.length !== 1 || field === undefined || typeof value !== 'string') {
      throw invalid(`Invalid Condition: ${JSON.stringify(condition)}`);
    }
    return {
      kind: 'eq',
      field: field.toLowerCase(),
      value,
      text: JSON.stringify(['eq', `$${field}`, value]),
    };
  }
  throw invalid(`Invalid Condition: ${JSON.stringify(condition)}`);
}

/** Fields a policy need not mention. */
const EXEMPT = new Set(['x-amz-signature', 'file', 'policy']);

/**
 * Checks the form's fields (names lowercase) against the policy: not expired, every condition
 * holds, every field is covered by a condition. `bucket` is the bucket the form was posted to.
 */
export function checkFields(
  policy: PostPolicy,
  fields: ReadonlyMap<string, string>,
  bucket: string,
  now: number,
): void {
  if (now > policy.expiresAt) throw accessDenied('Invalid according to Policy: Policy expired.');
  const values = new Map(fields);
  values.set('bucket', bucket);
  const covered = new Set<string>();
  for (const condition of policy.conditions) {
    if (condition.kind === 'length') continue;
    covered.add(condition.field);
    const actual = values.get(condition.field) ?? '';
    const holds = condition.kind === 'eq' ? actual === condition.value : actual.startsWith(condition.value);
    if (!holds) throw accessDenied(`Invalid according to Policy: Policy Condition failed: ${condition.text}`);
  }
  const extra = [...fields.keys()].filter(
    (name) => !EXEMPT.has(name) && !name.startsWith('x-ignore-') && !covered.has(name),
  );
  if (extra.length > 0)
    throw accessDenied(`Invalid according to Policy: Extra input fields: ${extra.join(', ')}`);
}

/** The file's size against `content-length-range`. */
export function checkLength(policy: PostPolicy, size: number): void {
  const range = policy.lengthRange;
  if (!range) return;
  if (size > range.max) throw entityTooLarge(range.max, size);
  if (size < range.min) throw entityTooSmall(size, range.min);
}

/** A form without its file part. */
export const missingFile = () =>
  invalidArgument('POST requires exactly one file upload per request.', 'file', '0');
