import { describe, expect, it } from 'vitest';
import { linkTo, passwordResetEmail, verificationEmail } from '../../../src/auth/emails.js';
import {
  hashToken,
  isExpired,
  newToken,
  TOKEN_LIFETIME_SECONDS,
  tokenItem,
} from '../../../src/auth/tokens.js';
import { emailToken } from '../../../src/contracts/common.js';

describe('emailed tokens', () => {
  it('are 32 random bytes in base64url, accepted by the contract', () => {
    const { token } = newToken();

    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(emailToken.safeParse(token).success).toBe(true);
    expect(newToken().token).not.toBe(token);
  });

  it('are stored as their SHA-256 only', () => {
    const { token, hash } = newToken();

    const item = tokenItem(hash, 'verify-email', { userId: 'u1', email: 'ada@example.test' });

    expect(hash).toBe(hashToken(token));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(item)).not.toContain(token);
    expect(item).toMatchObject({ pk: `token#${hash}`, sk: 'verify-email', userId: 'u1' });
  });

  it('live 24 hours for verification and one hour for a reset, in epoch seconds (the TTL attribute)', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const epoch = now.getTime() / 1000;

    expect(tokenItem('h', 'verify-email', { userId: 'u', email: 'e' }, now).expiresAt).toBe(
      epoch + 24 * 3600,
    );
    expect(tokenItem('h', 'reset-password', { userId: 'u', email: 'e' }, now).expiresAt).toBe(epoch + 3600);
    expect(TOKEN_LIFETIME_SECONDS['reset-password']).toBe(3600);
  });

  it('expire at their expiresAt, whether or not TTL has deleted them yet', () => {
    const item = tokenItem(
      'h',
      'reset-password',
      { userId: 'u', email: 'e' },
      new Date('2026-01-01T00:00:00Z'),
    );

    expect(isExpired(item, new Date('2026-01-01T00:59:59Z'))).toBe(false);
    expect(isExpired(item, new Date('2026-01-01T01:00:00Z'))).toBe(true);
  });
});

describe('emailed links', () => {
  it('point at the web app’s pages, with or without a trailing slash on APP_URL', () => {
    expect(linkTo('https://app.example', 'verify-email', 'abc_-1')).toBe(
      'https://app.example/verify-email?token=abc_-1',
    );
    expect(linkTo('https://app.example/', 'reset-password', 'abc')).toBe(
      'https://app.example/reset-password?token=abc',
    );
  });

  it('appear in both the text and the HTML part, and a username cannot inject HTML', () => {
    const link = 'https://app.example/verify-email?token=abc';

    const verification = verificationEmail('<b>mallory</b>', link);
    const reset = passwordResetEmail('ada', 'https://app.example/reset-password?token=abc');

    expect(verification.text).toContain(link);
    expect(verification.html).toContain(link);
    expect(verification.html).not.toContain('<b>mallory</b>');
    expect(reset.text).toContain('https://app.example/reset-password?token=abc');
    expect(reset.html).toContain('https://app.example/reset-password?token=abc');
  });
});
