import { formatAmzDate } from './amz-date.js';
import { SignatureError } from './signature-error.js';
import type { SignatureInfo } from './types.js';

/** How far a signing time may be from the server's clock, as AWS allows. */
export const MAX_SKEW_MS = 15 * 60 * 1000;

/**
 * Refuses a header-signed request more than 15 minutes away from `now` ('skew'), and a presigned
 * URL used after `X-Amz-Date + X-Amz-Expires` ('expired') or dated more than 15 minutes ahead ('skew').
 */
export function checkSigningTime(info: SignatureInfo, now: number): void {
  const { amzDate, signedAtMs } = info;
  if (signedAtMs - now > MAX_SKEW_MS) {
    throw new SignatureError(
      'skew',
      `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(now + MAX_SKEW_MS)} (${formatAmzDate(now)} + 15 min.)`,
      { amzDate, serverTime: formatAmzDate(now) },
    );
  }
  if (info.presigned) {
    const expiresSeconds = info.expiresSeconds ?? 0;
    const expiresAtMs = signedAtMs + expiresSeconds * 1000;
    if (now > expiresAtMs) {
      // Wording modelled on the header-form message; S3 renders its own "Request has expired".
      throw new SignatureError(
        'expired',
        `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(now - expiresSeconds * 1000)} (${formatAmzDate(now)} - ${expiresSeconds} sec.)`,
        { amzDate, serverTime: formatAmzDate(now), expiresAt: formatAmzDate(expiresAtMs) },
      );
    }
    return;
  }
  if (now - signedAtMs > MAX_SKEW_MS) {
    throw new SignatureError(
      'skew',
      `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(now - MAX_SKEW_MS)} (${formatAmzDate(now)} - 15 min.)`,
      { amzDate, serverTime: formatAmzDate(now) },
    );
  }
}
