import { createHash, createHmac, type Hash, timingSafeEqual } from 'node:crypto';
import { EMPTY_SHA256, sha256Hex } from '../../../core/sigv4/payload-hash.js';
import { signingKey } from '../../../core/sigv4/signing-key.js';
import type { VerifiedRequest } from '../../../core/sigv4/verify.js';
import { signatureDoesNotMatch } from '../errors.js';

/** A trailer field as it arrived: lowercase name, trimmed value. */
export type TrailerField = readonly [name: string, value: string];

/**
 * The signature chain of a `STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]` upload: each chunk is
 * signed over the previous signature (the first over the request's seed signature), so chunks can
 * be neither altered, dropped nor reordered; the trailer is signed over the last chunk's signature.
 */
export class ChunkSignatureChain {
  private previous: string;
  private readonly key: Buffer;
  /** `<amzDate>\n<scope>\n`, shared by every string to sign. */
  private readonly timeAndScope: string;
  private claimed = '';
  private hash: Hash | undefined;

  constructor(request: VerifiedRequest) {
    this.previous = request.signature;
    this.key = signingKey(request.credentials.secretAccessKey, request.date, request.region, request.service);
    this.timeAndScope = `${request.amzDate}\n${request.date}/${request.region}/${request.service}/aws4_request\n`;
  }

  /** A chunk header announced `signature` for the data that follows. */
  begin(signature: string): void {
    this.claimed = signature;
    this.hash = undefined;
  }

  update(data: Uint8Array): void {
    this.hash ??= createHash('sha256');
    this.hash.update(data);
  }

  /** The chunk's data is complete: its signature must match, and becomes the next one's predecessor. */
  end(): void {
    const dataHash = this.hash ? this.hash.digest('hex') : EMPTY_SHA256;
    this.hash = undefined;
    this.check(
      `AWS4-HMAC-SHA256-PAYLOAD\n${this.timeAndScope}${this.previous}\n${EMPTY_SHA256}\n${dataHash}`,
    );
  }

  /** Checks `x-amz-trailer-signature` over the other trailer fields, each as `name:value\n`. */
  verifyTrailer(fields: readonly TrailerField[], signature: string): void {
    this.claimed = signature;
    const canonical = fields.map(([name, value]) => `${name}:${value}\n`).join('');
    this.check(`AWS4-HMAC-SHA256-TRAILER\n${this.timeAndScope}${this.previous}\n${sha256Hex(canonical)}`);
  }

  private check(stringToSign: string): void {
    const expected = createHmac('sha256', this.key).update(stringToSign, 'utf8').digest('hex');
    const claimed = Buffer.from(this.claimed, 'latin1');
    if (claimed.length !== expected.length || !timingSafeEqual(claimed, Buffer.from(expected, 'latin1'))) {
      throw signatureDoesNotMatch();
    }
    this.previous = expected;
  }
}
