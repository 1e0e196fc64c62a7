import { describe, expect, it } from 'vitest';
import type { ServiceError } from '../../../../../src/core/errors.js';
import { checkFields, checkLength, parsePolicy } from '../../../../../src/services/s3/objects/post-policy.js';

const encode = (document: unknown) => Buffer.from(JSON.stringify(document)).toString('base64');
const NOW = Date.parse('2026-11-24T12:00:00Z');
const LATER = '2026-11-24T13:00:00.000Z';

function refusal(action: () => void): ServiceError {
  try {
    action();
  } catch (error) {
    return error as ServiceError;
  }
  throw new Error('expected a refusal');
}

describe('POST policies', () => {
  const policy = parsePolicy(
    encode({
      expiration: LATER,
      conditions: [
        { bucket: 'photos' },
        ['starts-with', '$key', 'uploads/'],
        ['eq', '$Content-Type', 'image/png'],
        ['starts-with', '$x-amz-meta-caption', ''],
        ['content-length-range', 10, 100],
      ],
    }),
  );
  const fields = (extra: Record<string, string> = {}) =>
    new Map(
      Object.entries({
        key: 'uploads/a.png',
        'content-type': 'image/png',
        'x-amz-meta-caption': 'hi',
        ...extra,
      }),
    );

  it('accepts fields every condition holds for, field names in any case', () => {
    expect(() => checkFields(policy, fields(), 'photos', NOW)).not.toThrow();
  });

  it('ignores the signature, the file, the policy and x-ignore- fields', () => {
    const withExempt = fields({ policy: 'p', 'x-amz-signature': 's', 'x-ignore-tracking': '1' });

    expect(() => checkFields(policy, withExempt, 'photos', NOW)).not.toThrow();
  });

  it('names the condition that failed, and refuses another bucket', () => {
    const key = refusal(() => checkFields(policy, fields({ key: 'other/a.png' }), 'photos', NOW));
    const bucket = refusal(() => checkFields(policy, fields(), 'not-photos', NOW));

    expect(key.code).toBe('AccessDenied');
    expect(key.message).toBe(
      'Invalid according to Policy: Policy Condition failed: ["starts-with","$key","uploads/"]',
    );
    expect(bucket.message).toContain('["eq","$bucket","photos"]');
  });

  it('refuses fields the policy does not mention, and an expired policy', () => {
    const extra = refusal(() => checkFields(policy, fields({ 'cache-control': 'no-store' }), 'photos', NOW));
    const expired = refusal(() => checkFields(policy, fields(), 'photos', Date.parse(LATER) + 1));

    expect(extra.message).toBe('Invalid according to Policy: Extra input fields: cache-control');
    expect(expired.message).toBe('Invalid according to Policy: Policy expired.');
  });

  it('bounds the file by content-length-range on both sides', () => {
    expect(() => checkLength(policy, 10)).not.toThrow();
    expect(refusal(() => checkLength(policy, 101)).code).toBe('EntityTooLarge');
    expect(refusal(() => checkLength(policy, 9)).code).toBe('EntityTooSmall');
  });

  it('refuses a policy that is not JSON or has no expiration', () => {
    expect(refusal(() => parsePolicy('not base64 json')).message).toBe('Invalid Policy: Invalid JSON.');
    expect(refusal(() => parsePolicy(encode({ conditions: [] }))).message).toBe(
      "Invalid Policy: Invalid 'expiration' value.",
    );
  });
});
