// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables are written ${…} in plain strings
import { describe, expect, it } from 'vitest';
import { parseDate } from '../../../../src/services/iam/policy/condition-operators.js';
import { cidrContains, parseAddress, parseCidr } from '../../../../src/services/iam/policy/ip-address.js';
import { parsePolicyString, QUESTION, STAR } from '../../../../src/services/iam/policy/policy-string.js';

const keys = new Map<string, string | string[]>([
  ['aws:userid', 'AROA:me'],
  ['aws:tagkeys', ['a', 'b']],
]);
const lookup = (key: string) => keys.get(key);
const resolve = (source: string, wildcards = true) =>
  parsePolicyString(source, { variables: true, wildcards }).resolve(lookup);

describe('policy strings', () => {
  it.each([
    ['substitutes a variable', 'home/${aws:userid}/x', 'home/AROA:me/x'],
    ['encodes the policy wildcards', 'a*b?', `a${STAR}b${QUESTION}`],
    ['keeps escaped wildcards literal', '${*}${?}${$}', '*?$'],
    ['takes a default for a missing key', "${aws:username, 'guest'}", 'guest'],
    ['takes a default written without spaces', "${aws:username,'guest'}", 'guest'],
    ['takes a default for a multivalued key', "${aws:TagKeys, 'none'}", 'none'],
    ['reads an unclosed ${ as text', 'a${aws:userid', 'a${aws:userid'],
  ])('%s', (_name, source, expected) => {
    expect(resolve(source)).toBe(expected);
  });

  it.each([
    ['a missing key without default', '${aws:username}'],
    ['a multivalued key without default', '${aws:TagKeys}'],
    ['an empty variable', 'a${}b'],
    ['a default without quotes', '${aws:username, guest}'],
  ])('does not resolve %s', (_name, source) => {
    expect(resolve(source)).toBeUndefined();
  });

  it('leaves wildcards alone where the operator compares exactly', () => {
    expect(resolve('a*b', false)).toBe('a*b');
  });

  it('reads ${…} as text where variables are off (2008-10-17)', () => {
    expect(parsePolicyString('${aws:userid}', { variables: false, wildcards: true }).fixed).toBe(
      '${aws:userid}',
    );
  });
});

describe('IP addresses', () => {
  it.each([
    ['2001:db8::1', 16],
    ['::', 16],
    ['::ffff:192.0.2.1', 16],
    ['1:2:3:4:5:6:7:8', 16],
    ['192.0.2.1', 4],
  ])('parses %s', (text, length) => {
    expect(parseAddress(text)?.length).toBe(length);
  });

  it.each(['1:2:3:4:5:6:7:8:9', '1::2::3', '256.0.0.1', '1.2.3', 'fe80::g', '', '1:2:3:4:5:6:7'])(
    'refuses %s',
    (text) => {
      expect(parseAddress(text)).toBeUndefined();
    },
  );

  it.each(['10.0.0.0/33', '::/129', '10.0.0.0/', '10.0.0.0/x'])('refuses the block %s', (text) => {
    expect(parseCidr(text)).toBeUndefined();
  });

  it('matches the mapped IPv4 form inside an IPv6 block', () => {
    expect(
      cidrContains(
        parseCidr('::ffff:0:0/96') as NonNullable<ReturnType<typeof parseCidr>>,
        '::ffff:192.0.2.1',
      ),
    ).toBe(true);
  });
});

describe('dates', () => {
  it.each([
    ['2026-01-01T00:00:00Z', Date.UTC(2026, 0, 1)],
    ['2026-01-01', Date.UTC(2026, 0, 1)],
    ['2026-01-01T00:00:00', Date.UTC(2026, 0, 1)],
    ['2026-01-01T02:00:00+02:00', Date.UTC(2026, 0, 1)],
    ['1767225600', Date.UTC(2026, 0, 1)],
  ])('reads %s', (text, expected) => {
    expect(parseDate(text)).toBe(expected);
  });

  it.each(['yesterday', '2026-13-45T99:00:00Z', '01/02/2026'])('refuses %s', (text) => {
    expect(parseDate(text)).toBeUndefined();
  });
});
