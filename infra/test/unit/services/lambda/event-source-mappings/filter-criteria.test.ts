import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../../../../src/core/errors.js';
import {
  compileFilters,
  validateFilterPatterns,
} from '../../../../../src/services/lambda/event-source-mappings/filter-criteria.js';

/** A record shaped like what a DynamoDB stream mapping sends (see stream-record.ts). */
function record(
  newImage: Record<string, unknown>,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    eventID: '1',
    eventName: 'INSERT',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    dynamodb: {
      ApproximateCreationDateTime: 1_700_000_000,
      Keys: { pk: { S: 'user#1' } },
      NewImage: newImage,
      SequenceNumber: '000000000000000000001',
      SizeBytes: 42,
      StreamViewType: 'NEW_IMAGE',
    },
    eventSourceARN: 'arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2026-01-01T00:00:00.000',
    ...overrides,
  };
}

function matches(pattern: unknown, subject: unknown): boolean {
  return compileFilters([JSON.stringify(pattern)])(subject);
}

describe('Lambda event filtering of stream records', () => {
  it('keeps every record when there are no filters', () => {
    expect(compileFilters([])(record({}))).toBe(true);
  });

  it('matches exact values, any of a list, nested under dynamodb', () => {
    const pattern = { dynamodb: { NewImage: { status: { S: ['active', 'pending'] } } } };
    expect(matches(pattern, record({ status: { S: 'active' } }))).toBe(true);
    expect(matches(pattern, record({ status: { S: 'pending' } }))).toBe(true);
    expect(matches(pattern, record({ status: { S: 'closed' } }))).toBe(false);
    expect(matches(pattern, record({}))).toBe(false);
  });

  it('requires every field of a pattern (and), metadata and data alike', () => {
    const pattern = { eventName: ['MODIFY'], dynamodb: { Keys: { pk: { S: ['user#1'] } } } };
    expect(matches(pattern, record({}, { eventName: 'MODIFY' }))).toBe(true);
    expect(matches(pattern, record({}, { eventName: 'INSERT' }))).toBe(false);
  });

  it('keeps a record that any one of several filters matches', () => {
    const filter = compileFilters([
      JSON.stringify({ eventName: ['REMOVE'] }),
      JSON.stringify({ dynamodb: { NewImage: { kind: { S: ['photo'] } } } }),
    ]);
    expect(filter(record({ kind: { S: 'photo' } }))).toBe(true);
    expect(filter(record({}, { eventName: 'REMOVE' }))).toBe(true);
    expect(filter(record({ kind: { S: 'video' } }))).toBe(false);
  });

  it('matches prefixes and suffixes, also ignoring case', () => {
    const image = record({ key: { S: 'Uploads/cat.JPG' } });
    expect(matches({ dynamodb: { NewImage: { key: { S: [{ prefix: 'Uploads/' }] } } } }, image)).toBe(true);
    expect(matches({ dynamodb: { NewImage: { key: { S: [{ prefix: 'uploads/' }] } } } }, image)).toBe(false);
    expect(
      matches(
        { dynamodb: { NewImage: { key: { S: [{ prefix: { 'equals-ignore-case': 'uploads/' } }] } } } },
        image,
      ),
    ).toBe(true);
    expect(matches({ dynamodb: { NewImage: { key: { S: [{ suffix: '.JPG' }] } } } }, image)).toBe(true);
    expect(
      matches(
        { dynamodb: { NewImage: { key: { S: [{ suffix: { 'equals-ignore-case': '.jpg' } }] } } } },
        image,
      ),
    ).toBe(true);
    expect(
      matches(
        { dynamodb: { NewImage: { key: { S: [{ 'equals-ignore-case': 'uploads/CAT.jpg' }] } } } },
        image,
      ),
    ).toBe(true);
  });

  it('matches anything but the listed values, prefixes or suffixes, and never a missing field', () => {
    const pattern = (rule: unknown) => ({
      dynamodb: { NewImage: { status: { S: [{ 'anything-but': rule }] } } },
    });
    const active = record({ status: { S: 'active' } });
    expect(matches(pattern(['deleted', 'archived']), active)).toBe(true);
    expect(matches(pattern('active'), active)).toBe(false);
    expect(matches(pattern({ prefix: 'act' }), active)).toBe(false);
    expect(matches(pattern({ suffix: 'ive' }), active)).toBe(false);
    expect(matches(pattern({ 'equals-ignore-case': ['ACTIVE'] }), active)).toBe(false);
    expect(matches(pattern(['deleted']), record({}))).toBe(false);
  });

  it('compares numbers, including DynamoDB numbers, which travel as strings', () => {
    const sized = (rule: unknown[]) => ({ dynamodb: { SizeBytes: [{ numeric: rule }] } });
    expect(matches(sized(['>', 10, '<=', 42]), record({}))).toBe(true);
    expect(matches(sized(['<', 42]), record({}))).toBe(false);
    expect(matches(sized(['=', 42]), record({}))).toBe(true);
    const price = (rule: unknown[]) => ({ dynamodb: { NewImage: { price: { N: [{ numeric: rule }] } } } });
    expect(matches(price(['>=', 100]), record({ price: { N: '150.5' } }))).toBe(true);
    expect(matches(price(['>=', 100]), record({ price: { N: '99' } }))).toBe(false);
    // Only under an `N` key is a string read as a number.
    expect(
      matches(
        { dynamodb: { NewImage: { price: { S: [{ numeric: ['>', 1] }] } } } },
        record({ price: { S: '5' } }),
      ),
    ).toBe(false);
  });

  it('tests whether a leaf exists, and matches an absent field only with exists: false', () => {
    const exists = (flag: boolean) => ({ dynamodb: { NewImage: { email: { S: [{ exists: flag }] } } } });
    const withEmail = record({ email: { S: 'a@example.com' } });
    expect(matches(exists(true), withEmail)).toBe(true);
    expect(matches(exists(true), record({}))).toBe(false);
    expect(matches(exists(false), record({}))).toBe(true);
    expect(matches(exists(false), withEmail)).toBe(false);
    expect(matches({ userIdentity: { type: [{ exists: false }] } }, record({}))).toBe(true);
  });

  it('matches null and empty strings as values of their own', () => {
    expect(matches({ a: [null] }, { a: null })).toBe(true);
    expect(matches({ a: [null] }, {})).toBe(false);
    expect(matches({ a: [''] }, { a: '' })).toBe(true);
    expect(matches({ a: [''] }, { a: 'x' })).toBe(false);
  });

  it('matches a list in the record when any element matches', () => {
    const pattern = { dynamodb: { NewImage: { tags: { SS: ['red'] } } } };
    expect(matches(pattern, record({ tags: { SS: ['blue', 'red'] } }))).toBe(true);
    expect(matches(pattern, record({ tags: { SS: ['blue'] } }))).toBe(false);
  });

  it('combines $or alternatives with the other fields of the same level', () => {
    const pattern = {
      eventName: ['INSERT'],
      $or: [{ dynamodb: { NewImage: { a: { S: ['1'] } } } }, { dynamodb: { NewImage: { b: { S: ['2'] } } } }],
    };
    expect(matches(pattern, record({ b: { S: '2' } }))).toBe(true);
    expect(matches(pattern, record({ c: { S: '3' } }))).toBe(false);
    expect(matches(pattern, record({ a: { S: '1' } }, { eventName: 'REMOVE' }))).toBe(false);
  });

  it.each([
    'not json',
    '[]',
    '{}',
    '{"a":"x"}',
    '{"a":[]}',
    '{"a":[{"unknown-operator":1}]}',
    '{"a":[{"numeric":[">"]}]}',
    '{"a":[{"numeric":["!=",1]}]}',
    '{"a":[{"prefix":1}]}',
    '{"a":[{"exists":"yes"}]}',
    '{"a":[{"prefix":"x","suffix":"y"}]}',
    '{"$or":[{"a":["x"]}]}',
  ])('refuses the invalid pattern %s as Lambda does', (pattern) => {
    let caught: unknown;
    try {
      validateFilterPatterns([pattern]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ServiceError);
    expect(caught).toMatchObject({
      code: 'InvalidParameterValueException',
      status: 400,
      message: 'Invalid filter pattern definition.',
    });
  });
});
