import { beforeAll, describe, expect, it } from 'vitest';
import { imageUrl } from '#shared/photo-views.js';

beforeAll(() => {
  // What Lambda gives the function; presigning is local computation, no request is sent.
  process.env.PHOTOS_BUCKET = 'lambdagram-photos-123456789012';
  process.env.AWS_REGION = 'us-east-1';
  process.env.AWS_ACCESS_KEY_ID = 'ASIAEXAMPLE';
  process.env.AWS_SECRET_ACCESS_KEY = 'secret';
  process.env.AWS_SESSION_TOKEN = 'session';
});

const HOUR = 3_600_000;
const at = Date.UTC(2026, 10, 24, 10, 0, 0);

describe('image URLs', () => {
  it('stay the same within an hour, so the browser cache keeps working', async () => {
    const first = await imageUrl('photos/a/320.webp', at + 60_000);
    const later = await imageUrl('photos/a/320.webp', at + 59 * 60_000);

    expect(later).toBe(first);
    const url = new URL(first);
    expect(url.searchParams.get('X-Amz-Date')).toBe('20261124T100000Z');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('7200');
    expect(url.searchParams.get('X-Amz-Security-Token')).toBe('session');
  });

  it('change with the hour, and differ between objects', async () => {
    const now = await imageUrl('photos/a/320.webp', at);
    const nextHour = await imageUrl('photos/a/320.webp', at + HOUR);
    const other = await imageUrl('photos/a/720.webp', at);

    expect(nextHour).not.toBe(now);
    expect(new URL(nextHour).searchParams.get('X-Amz-Date')).toBe('20261124T110000Z');
    expect(other).not.toBe(now);
    expect(new URL(other).pathname).toContain('photos/a/720.webp');
  });
});
