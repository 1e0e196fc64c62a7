import { describe, expect, it } from 'vitest';
import { VerifiedIdentities } from '../../../../src/services/ses/verified-identities.js';
import type { EmailIdentityDefinition } from '../../../../src/stack/types.js';

function identities(...names: string[]): VerifiedIdentities {
  return new VerifiedIdentities(
    names.map(
      (identity): EmailIdentityDefinition => ({
        logicalId: identity.replace(/\W/g, ''),
        identity,
        kind: identity.includes('@') ? 'email-address' : 'domain',
      }),
    ),
  );
}

describe('which identity verifies a sender', () => {
  it('is the address itself when it is an identity', () => {
    expect(identities('noreply@example.com', 'example.com').verifying('noreply@example.com')).toBe(
      'noreply@example.com',
    );
  });

  it('is the domain for any other address on it', () => {
    expect(identities('noreply@example.com', 'example.com').verifying('alerts@example.com')).toBe(
      'example.com',
    );
  });

  it('is the closest verified parent domain for an address on a subdomain', () => {
    const verified = identities('example.com', 'mail.example.com');

    expect(verified.verifying('a@mail.example.com')).toBe('mail.example.com');
    expect(verified.verifying('a@eu.news.example.com')).toBe('example.com');
  });

  it('matches domains whatever their case, but addresses exactly, as SES does', () => {
    const verified = identities('NoReply@example.com', 'Example.org');

    expect(verified.verifying('a@EXAMPLE.ORG')).toBe('example.org');
    expect(verified.verifying('NoReply@example.com')).toBe('NoReply@example.com');
    expect(verified.verifying('noreply@example.com')).toBeUndefined();
  });

  it('is none for an address on another domain, even one that ends alike', () => {
    const verified = identities('example.com', 'noreply@example.org');

    expect(verified.verifying('a@notexample.com')).toBeUndefined();
    expect(verified.verifying('other@example.org')).toBeUndefined();
  });
});
