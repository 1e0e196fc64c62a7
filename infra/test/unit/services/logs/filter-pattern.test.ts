import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../../../src/core/errors.js';
import { compileFilterPattern } from '../../../../src/services/logs/patterns/filter-pattern.js';

/** The messages of `messages` that the pattern keeps. */
function kept(pattern: string, messages: string[]): string[] {
  const matches = compileFilterPattern(pattern);
  return messages.filter((message) => matches(message));
}

function rejection(pattern: string): ServiceError {
  try {
    compileFilterPattern(pattern);
  } catch (error) {
    if (error instanceof ServiceError) return error;
    throw error;
  }
  throw new Error(`pattern ${pattern} was accepted`);
}

const LEVELS = ['ERROR WARN message', 'ERROR message', 'WARN message', 'INFO done'];

describe('filter patterns on unstructured messages', () => {
  it('keeps every message when the pattern is empty or blank', () => {
    expect(kept('', LEVELS)).toEqual(LEVELS);
    expect(kept('   ', LEVELS)).toEqual(LEVELS);
    expect(kept('""', LEVELS)).toEqual(LEVELS);
  });

  it('keeps messages containing every term, anywhere and case-sensitively', () => {
    expect(kept('ERROR', LEVELS)).toEqual(['ERROR WARN message', 'ERROR message']);
    expect(kept('ERROR WARN', LEVELS)).toEqual(['ERROR WARN message']);
    expect(kept('error', LEVELS)).toEqual([]);
    expect(kept('ERROR', ['Exiting with ERRORCODE: -1'])).toEqual(['Exiting with ERRORCODE: -1']);
  });

  it('keeps messages with any of the ?terms', () => {
    expect(kept('?ERROR ?WARN', LEVELS)).toEqual(['ERROR WARN message', 'ERROR message', 'WARN message']);
  });

  it('drops messages with an excluded -term', () => {
    expect(kept('ERROR -WARN', LEVELS)).toEqual(['ERROR message']);
    expect(kept('"ERROR" - "Exiting"', ['[ERROR] fatal', 'Exiting with ERRORCODE: -1'])).toEqual([
      '[ERROR] fatal',
    ]);
  });

  it('matches a quoted phrase as one exact piece of text', () => {
    const messages = ['[WARN] Failed to process the request', 'request failed to process'];

    expect(kept('"Failed to process"', messages)).toEqual(['[WARN] Failed to process the request']);
    expect(kept('"ERROR 4"', ['[ERROR 401] UNAUTHORIZED', 'ERROR  4'])).toEqual(['[ERROR 401] UNAUTHORIZED']);
  });

  it('lets a quoted term hold the characters an unquoted one may not', () => {
    expect(kept('"user@example.com"', ['login user@example.com', 'login user'])).toEqual([
      'login user@example.com',
    ]);
    expect(kept('?"Status: timeout" ?"Status: error"', ['Status: timeout', 'Status: ok'])).toEqual([
      'Status: timeout',
    ]);
    expect(kept('"say \\"hi\\""', ['they say "hi"', 'they say hi'])).toEqual(['they say "hi"']);
  });

  it('keeps messages a %regex% finds', () => {
    expect(kept('%ERROR\\s[0-9]+%', ['ERROR 401', 'ERROR x'])).toEqual(['ERROR 401']);
    expect(kept('%^START%', ['START RequestId: 1', 'RESTART'])).toEqual(['START RequestId: 1']);
  });
});

describe('JSON filter patterns', () => {
  const event = JSON.stringify({
    eventType: 'UpdateTrail',
    sourceIPAddress: '111.111.111.111',
    arrayKey: ['value', 'another value'],
    objectList: [
      { name: 'a', id: 1 },
      { name: 'b', id: 2 },
    ],
    SomeObject: null,
    ThisFlag: true,
    OtherFlag: false,
    latency: 750,
    ratio: 0.25,
    'detail-type': 'Scheduled Event',
  });
  const matches = (pattern: string, message = event) => compileFilterPattern(pattern)(message);

  it('compares a field with a string, quoted or not', () => {
    expect(matches('{ $.eventType = "UpdateTrail" }')).toBe(true);
    expect(matches('{ $.eventType = UpdateTrail }')).toBe(true);
    expect(matches('{ $.eventType = "updatetrail" }')).toBe(false);
    expect(matches('{ $.detail-type = "Scheduled Event" }')).toBe(true);
  });

  it('tells inequality, and never matches a field that is missing', () => {
    expect(matches('{ $.eventType != "CreateTrail" }')).toBe(true);
    expect(matches('{ $.eventType != "UpdateTrail" }')).toBe(false);
    expect(matches('{ $.missing != "x" }')).toBe(false);
  });

  it('uses * as a wildcard at either end of a value', () => {
    expect(matches('{ $.eventType = *Trail }')).toBe(true);
    expect(matches('{ $.eventType = "Update*" }')).toBe(true);
    expect(matches('{ $.sourceIPAddress != 123.123.* }')).toBe(true);
    expect(matches('{ $.sourceIPAddress = *111.111* }')).toBe(true);
    expect(matches('{ $.latency = * }')).toBe(true);
    expect(matches('{ $.missing = * }')).toBe(false);
  });

  it('compares numbers with =, !=, <, <=, >, >=', () => {
    expect(matches('{ $.latency > 500 }')).toBe(true);
    expect(matches('{ $.latency >= 750 }')).toBe(true);
    expect(matches('{ $.latency < 750 }')).toBe(false);
    expect(matches('{ $.latency <= 7.5e2 }')).toBe(true);
    expect(matches('{ $.latency = 750 }')).toBe(true);
    expect(matches('{ $.latency != 750 }')).toBe(false);
    expect(matches('{ $.ratio < +0.5 }')).toBe(true);
    expect(matches('{ $.eventType > 5 }')).toBe(false);
  });

  it('selects array elements by index, nested ones too', () => {
    expect(matches('{ $.arrayKey[0] = "value" }')).toBe(true);
    expect(matches('{ $.objectList[1].id = 2 }')).toBe(true);
    expect(matches('{ $.objectList[2].id = 2 }')).toBe(false);
    expect(matches('{ $.c[0][1] = 5 }', '{"c":[[4,5,6]]}')).toBe(true);
  });

  it('does not compare a field that holds an array or an object', () => {
    expect(matches('{ $.users = 1 }', '{"users":[1,2,3]}')).toBe(false);
    expect(matches('{ $.users != 1 }', '{"users":[1,2,3]}')).toBe(false);
  });

  it('tests IS NULL, NOT EXISTS, IS TRUE and IS FALSE', () => {
    expect(matches('{ $.SomeObject IS NULL }')).toBe(true);
    expect(matches('{ $.eventType IS NULL }')).toBe(false);
    expect(matches('{ $.SomeOtherObject NOT EXISTS }')).toBe(true);
    expect(matches('{ $.SomeObject NOT EXISTS }')).toBe(false);
    expect(matches('{ $.ThisFlag IS TRUE }')).toBe(true);
    expect(matches('{ $.OtherFlag IS FALSE }')).toBe(true);
    expect(matches('{ $.OtherFlag IS TRUE }')).toBe(false);
  });

  it('combines conditions with && and ||, && first, parentheses first of all', () => {
    const users = JSON.stringify({
      user: { id: 1, email: 'John.Stiles@example.com' },
      users: [{ id: 2, email: 'John.Doe@example.com' }],
      actions: ['GET', 'PUT', 'DELETE'],
      coordinates: [[0, 1, 2]],
    });

    expect(matches('{ ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") }', users)).toBe(true);
    expect(
      matches('{ ($.user.id = 2 && $.users[0].email = "nonmatch") || $.actions[2] = "GET" }', users),
    ).toBe(false);
    expect(
      matches(
        '{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch && $.actions[2] = nomatch }',
        users,
      ),
    ).toBe(true);
    expect(
      matches(
        '{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch) && $.actions[2] = nomatch }',
        users,
      ),
    ).toBe(false);
  });

  it('matches a value with a %regex%', () => {
    expect(matches('{ $.eventType = %Update[A-Z]% }')).toBe(true);
    expect(matches('{ $.eventType != %^Create% }')).toBe(true);
  });

  it('skips messages that are not JSON', () => {
    expect(matches('{ $.eventType = * }', 'plain text')).toBe(false);
    expect(matches('{ $.eventType = * }', '{broken')).toBe(false);
  });

  it('reads the JSON a Lambda function logged after the runtime prefix', () => {
    const line =
      '2026-11-24T10:00:00.000Z\t6f1c2a3b-0000-4000-8000-000000000000\tINFO\t{"level":"error","ms":1200}';

    expect(matches('{ $.level = "error" && $.ms > 1000 }', line)).toBe(true);
  });
});

describe('space-delimited filter patterns', () => {
  const access = [
    '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /apache_pb.gif HTTP/1.0" 200 1534',
    '127.0.0.1 - frank [10/Oct/2000:13:35:22 -0700] "GET /index.html HTTP/1.0" 404 5324',
    '127.0.0.1 - frank [10/Oct/2000:13:50:35 -0700] "GET /apache_pb.gif HTTP/1.0" 500 355',
  ];

  it('names every field and counts bracketed and quoted text as one field', () => {
    expect(kept('[ip, user, username, timestamp, request, status_code, bytes]', access)).toEqual(access);
    expect(kept('[ip, user, username, timestamp, request, status_code]', access)).toEqual([]);
  });

  it('puts conditions on fields: text with wildcards, numbers with comparisons', () => {
    expect(kept('[ip, user, username, timestamp, request, status_code = 4*, bytes]', access)).toEqual([
      access[1],
    ]);
    expect(kept('[ip, user, username, timestamp, request, status_code, bytes > 1000]', access)).toEqual([
      access[0],
      access[1],
    ]);
    expect(kept('[ip, user, username, timestamp, request = *html*, status_code, bytes]', access)).toEqual([
      access[1],
    ]);
    expect(kept('[ip, user, username = "frank", ...]', access)).toEqual(access);
    expect(kept('[ip, user, username != frank, ...]', access)).toEqual([]);
  });

  it('lets ... stand for any number of fields', () => {
    expect(kept('[..., status_code = 500, bytes]', access)).toEqual([access[2]]);
    expect(kept('[ip, user, ..., status_code = 200, bytes]', access)).toEqual([access[0]]);
    expect(kept('[ip = 127.0.0.1, ...]', access)).toEqual(access);
  });

  it('combines conditions on one field with && and ||', () => {
    expect(kept('[..., status_code = 4* || status_code = 5*, bytes]', access)).toEqual([
      access[1],
      access[2],
    ]);
    expect(kept('[..., status_code = 4* && status_code != 404, bytes]', access)).toEqual([]);
    expect(kept('[w1 = ERROR || w1 = WARN, w2]', ['ERROR message', 'WARN message', 'INFO message'])).toEqual([
      'ERROR message',
      'WARN message',
    ]);
  });

  it('treats an empty entry as an unnamed field', () => {
    expect(kept('[..., request = *.html*, status_code = 4*,]', access)).toEqual([access[1]]);
  });

  it('splits Lambda lines on tabs as well as spaces', () => {
    const report = 'REPORT RequestId: 42\tDuration: 3.01 ms\tBilled Duration: 4 ms';

    expect(kept('[type = REPORT, ..., label = Duration:, duration > 3, unit = ms, ...]', [report])).toEqual([
      report,
    ]);
  });
});

describe('invalid filter patterns', () => {
  it('names the characters an unquoted term may not hold', () => {
    const error = rejection('email@example');

    expect(error.code).toBe('InvalidParameterException');
    expect(error.status).toBe(400);
    expect(error.message).toBe("Invalid character(s) in term '@'");
    expect(rejection('?Status: timeout').message).toBe("Invalid character(s) in term ':'");
  });

  it('requires a pattern that opens with { or [ to close with it', () => {
    expect(rejection('{ $.a = 1').message).toBe("If a filter pattern starts with '{' it must end with '}'");
    expect(rejection('[a, b').message).toBe("If a filter pattern starts with '[' it must end with ']'");
  });

  it.each([
    ['an unterminated quote', '"ERROR'],
    ['a lone exclusion', 'ERROR -'],
    ['an empty JSON pattern', '{ }'],
    ['a selector without $', '{ eventType = "x" }'],
    ['a comparison without a value', '{ $.a = }'],
    ['an ordering comparison of text', '{ $.a > abc }'],
    ['an unbalanced parenthesis', '{ ($.a = 1 }'],
    ['a single &', '{ $.a = 1 & $.b = 2 }'],
    ['an unknown keyword', '{ $.a IS MAYBE }'],
    ['two fields in one entry', '[ip, status_code = 4* && bytes > 1000]'],
    ['a field entry that is not a name', '[ip, "quoted"]'],
    ['an unterminated regex', '%ERROR'],
    ['a regex with parentheses', '%(ERROR)%'],
    ['a regex with a blank', '%ERROR 4%'],
  ])('rejects %s', (_case, pattern) => {
    const error = rejection(pattern);

    expect(error.code).toBe('InvalidParameterException');
    expect(error.status).toBe(400);
  });
});
