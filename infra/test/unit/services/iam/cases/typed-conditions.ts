import type { PolicyCase } from './builders.js';
import { when } from './string-conditions.js';

const NOW = 'aws:CurrentTime';
const EPOCH = 'aws:EpochTime';
const IP = 'aws:SourceIp';
const KEYS = 's3:max-keys';

/** Numeric, Date, Bool, Binary, IpAddress and Arn operators. */
export const TYPED_CONDITION_CASES: PolicyCase[] = [
  when(
    'holds NumericLessThan below the bound',
    { NumericLessThan: { [KEYS]: '100' } },
    { [KEYS]: 99 },
    'Allow',
  ),
  when(
    'fails NumericLessThan at the bound',
    { NumericLessThan: { [KEYS]: '100' } },
    { [KEYS]: '100' },
    'ImplicitDeny',
  ),
  when(
    'holds NumericLessThanEquals at the bound',
    { NumericLessThanEquals: { [KEYS]: '100' } },
    { [KEYS]: '100' },
    'Allow',
  ),
  when(
    'holds NumericGreaterThan above the bound',
    { NumericGreaterThan: { [KEYS]: 10 } },
    { [KEYS]: '10.5' },
    'Allow',
  ),
  when(
    'holds NumericGreaterThanEquals at the bound',
    { NumericGreaterThanEquals: { [KEYS]: '10' } },
    { [KEYS]: '10' },
    'Allow',
  ),
  when(
    'compares numbers, not strings, in NumericEquals',
    { NumericEquals: { [KEYS]: '10' } },
    { [KEYS]: '10.0' },
    'Allow',
  ),
  when(
    'fails NumericEquals on a value that is not a number',
    { NumericEquals: { [KEYS]: '10' } },
    { [KEYS]: 'ten' },
    'ImplicitDeny',
  ),
  when(
    'holds NumericNotEquals on another number',
    { NumericNotEquals: { [KEYS]: ['10', '20'] } },
    { [KEYS]: '30' },
    'Allow',
  ),
  when(
    'fails NumericNotEquals on a listed number',
    { NumericNotEquals: { [KEYS]: ['10', '20'] } },
    { [KEYS]: '20' },
    'ImplicitDeny',
  ),
  when('holds NumericNotEquals when the key is missing', { NumericNotEquals: { [KEYS]: '10' } }, {}, 'Allow'),
  when(
    'fails NumericLessThan when the key is missing',
    { NumericLessThan: { [KEYS]: '10' } },
    {},
    'ImplicitDeny',
  ),
  when(
    'holds NumericLessThanIfExists when the key is missing',
    { NumericLessThanIfExists: { [KEYS]: '10' } },
    {},
    'Allow',
  ),

  when(
    'holds DateGreaterThan after an ISO date',
    { DateGreaterThan: { [NOW]: '2026-01-01T00:00:00Z' } },
    { [NOW]: '2026-06-01T12:00:00Z' },
    'Allow',
  ),
  when(
    'fails DateGreaterThan before it',
    { DateGreaterThan: { [NOW]: '2026-01-01T00:00:00Z' } },
    { [NOW]: '2025-12-31T23:59:59Z' },
    'ImplicitDeny',
  ),
  when(
    'holds DateLessThan before a day',
    { DateLessThan: { [NOW]: '2026-01-01' } },
    { [NOW]: '2025-12-31T23:59:59Z' },
    'Allow',
  ),
  when(
    'holds DateLessThanEquals at the instant',
    { DateLessThanEquals: { [NOW]: '2026-01-01T00:00:00Z' } },
    { [NOW]: '2026-01-01T00:00:00Z' },
    'Allow',
  ),
  when(
    'holds DateGreaterThanEquals at the instant',
    { DateGreaterThanEquals: { [NOW]: '2026-01-01T00:00:00Z' } },
    { [NOW]: '2026-01-01T00:00:00.000Z' },
    'Allow',
  ),
  when(
    'compares instants across zone offsets in DateEquals',
    { DateEquals: { [NOW]: '2026-01-01T01:00:00+01:00' } },
    { [NOW]: '2026-01-01T00:00:00Z' },
    'Allow',
  ),
  when('compares epoch seconds', { DateLessThan: { [EPOCH]: 1800000000 } }, { [EPOCH]: 1700000000 }, 'Allow'),
  {
    ...when(
      'compares an ISO date with epoch seconds',
      { DateGreaterThan: { [EPOCH]: '2026-01-01T00:00:00Z' } },
      { [EPOCH]: 1800000000 },
      'Allow',
    ),
    simulatorDiffers: {
      simulator: 'ImplicitDeny',
      why: 'IAM user guide (Date condition operators): values may be ISO 8601 or epoch (UNIX) time and compare as instants; the simulator compares epoch seconds with ISO milliseconds',
    },
  },
  when(
    'holds DateNotEquals on another instant',
    { DateNotEquals: { [NOW]: '2026-01-01T00:00:00Z' } },
    { [NOW]: '2026-01-02T00:00:00Z' },
    'Allow',
  ),
  when(
    'holds DateNotEquals when the key is missing',
    { DateNotEquals: { [NOW]: '2026-01-01T00:00:00Z' } },
    {},
    'Allow',
  ),
  when(
    'fails a Date operator on a value that is not a date',
    { DateLessThan: { [NOW]: '2026-01-01T00:00:00Z' } },
    { [NOW]: 'yesterday' },
    'ImplicitDeny',
  ),

  when(
    'holds Bool on an equal boolean',
    { Bool: { 'aws:SecureTransport': 'false' } },
    { 'aws:SecureTransport': false },
    'Allow',
  ),
  when(
    'fails Bool on the other boolean',
    { Bool: { 'aws:SecureTransport': 'true' } },
    { 'aws:SecureTransport': 'false' },
    'ImplicitDeny',
  ),
  when(
    'reads Bool values case-insensitively',
    { Bool: { 'aws:SecureTransport': 'TRUE' } },
    { 'aws:SecureTransport': 'true' },
    'Allow',
  ),
  when(
    'takes JSON booleans in Bool',
    { Bool: { 'aws:MultiFactorAuthPresent': true } },
    { 'aws:MultiFactorAuthPresent': true },
    'Allow',
  ),
  when(
    'fails Bool when the key is missing',
    { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
    {},
    'ImplicitDeny',
  ),
  when(
    'holds BoolIfExists when the key is missing',
    { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
    {},
    'Allow',
  ),
  when(
    'holds BinaryEquals on the same base64 value',
    { BinaryEquals: { 'custom:digest': 'QmluYXJ5VmFsdWU=' } },
    { 'custom:digest': 'QmluYXJ5VmFsdWU=' },
    'Allow',
  ),
  when(
    'fails BinaryEquals on another value',
    { BinaryEquals: { 'custom:digest': 'QmluYXJ5VmFsdWU=' } },
    { 'custom:digest': 'T3RoZXI=' },
    'ImplicitDeny',
  ),

  when(
    'holds IpAddress inside an IPv4 block',
    { IpAddress: { [IP]: '203.0.113.0/24' } },
    { [IP]: '203.0.113.77' },
    'Allow',
  ),
  when(
    'fails IpAddress outside the block',
    { IpAddress: { [IP]: '203.0.113.0/24' } },
    { [IP]: '203.0.114.1' },
    'ImplicitDeny',
  ),
  when(
    'reads an address without a prefix as a single host',
    { IpAddress: { [IP]: '127.0.0.1' } },
    { [IP]: '127.0.0.1' },
    'Allow',
  ),
  when(
    'matches a block whose prefix is not a byte boundary',
    { IpAddress: { [IP]: '10.0.0.0/12' } },
    { [IP]: '10.15.255.255' },
    'Allow',
  ),
  when(
    'keeps a /12 block to its bits',
    { IpAddress: { [IP]: '10.0.0.0/12' } },
    { [IP]: '10.16.0.0' },
    'ImplicitDeny',
  ),
  when(
    'holds IpAddress when any block holds',
    { IpAddress: { [IP]: ['192.0.2.0/24', '127.0.0.0/8'] } },
    { [IP]: '127.0.0.1' },
    'Allow',
  ),
  when(
    'holds IpAddress inside an IPv6 block',
    { IpAddress: { [IP]: '2001:db8::/32' } },
    { [IP]: '2001:db8:1234::1' },
    'Allow',
  ),
  when(
    'fails IpAddress outside an IPv6 block',
    { IpAddress: { [IP]: '2001:db8::/32' } },
    { [IP]: '2001:db9::1' },
    'ImplicitDeny',
  ),
  when('reads an IPv6 loopback', { IpAddress: { [IP]: '::1/128' } }, { [IP]: '::1' }, 'Allow'),
  when(
    'does not mix IPv4 blocks and IPv6 addresses',
    { IpAddress: { [IP]: '0.0.0.0/0' } },
    { [IP]: '::1' },
    'ImplicitDeny',
  ),
  when(
    'holds NotIpAddress outside every block',
    { NotIpAddress: { [IP]: ['10.0.0.0/8', '192.168.0.0/16'] } },
    { [IP]: '127.0.0.1' },
    'Allow',
  ),
  when(
    'fails NotIpAddress inside a block',
    { NotIpAddress: { [IP]: ['10.0.0.0/8', '192.168.0.0/16'] } },
    { [IP]: '192.168.1.1' },
    'ImplicitDeny',
  ),
  when('fails IpAddress when the key is missing', { IpAddress: { [IP]: '0.0.0.0/0' } }, {}, 'ImplicitDeny'),

  when(
    'holds ArnLike with wildcards',
    { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::photos-*' } },
    { 'aws:SourceArn': 'arn:aws:s3:::photos-uploads' },
    'Allow',
  ),
  when(
    'holds ArnEquals with wildcards too',
    { ArnEquals: { 'aws:SourceArn': 'arn:aws:lambda:*:123456789012:function:*' } },
    { 'aws:SourceArn': 'arn:aws:lambda:us-east-1:123456789012:function:thumbnail' },
    'Allow',
  ),
  when(
    'fails ArnLike on another ARN',
    { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::photos-*' } },
    { 'aws:SourceArn': 'arn:aws:s3:::logs' },
    'ImplicitDeny',
  ),
  when(
    'checks ArnLike component by component',
    { ArnLike: { 'aws:SourceArn': 'arn:aws:lambda:us-east-1:*:function:thumbnail' } },
    { 'aws:SourceArn': 'arn:aws:lambda:us-east-1:123456789012:function:thumbnail' },
    'Allow',
  ),
  when(
    'keeps an ArnLike region wildcard out of the account',
    { ArnLike: { 'aws:SourceArn': 'arn:aws:lambda:us-*:function:thumbnail' } },
    { 'aws:SourceArn': 'arn:aws:lambda:us-east-1:123456789012:function:thumbnail' },
    'ImplicitDeny',
  ),
  when(
    'compares ARNs case-sensitively',
    { ArnEquals: { 'aws:SourceArn': 'arn:aws:s3:::Photos' } },
    { 'aws:SourceArn': 'arn:aws:s3:::photos' },
    'ImplicitDeny',
  ),
  when(
    'fails ArnLike on a value that is not an ARN',
    { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::*' } },
    { 'aws:SourceArn': 'photos' },
    'ImplicitDeny',
  ),
  when(
    'holds ArnNotLike on another ARN',
    { ArnNotLike: { 'aws:SourceArn': 'arn:aws:s3:::private-*' } },
    { 'aws:SourceArn': 'arn:aws:s3:::photos' },
    'Allow',
  ),
  when(
    'fails ArnNotEquals on a matching ARN',
    { ArnNotEquals: { 'aws:SourceArn': 'arn:aws:s3:::photos' } },
    { 'aws:SourceArn': 'arn:aws:s3:::photos' },
    'ImplicitDeny',
  ),
  when(
    'holds ArnNotLike when the key is missing',
    { ArnNotLike: { 'aws:SourceArn': 'arn:aws:s3:::photos' } },
    {},
    'Allow',
  ),
  when(
    'fails ArnLike when the key is missing',
    { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::photos' } },
    {},
    'ImplicitDeny',
  ),
];
