import { bodyEndedUnexpectedly, malformedTrailer } from '../errors.js';
import type { ChunkSignatureChain, TrailerField } from './chunk-signatures.js';

const CR = 0x0d;
const LF = 0x0a;
// A signed chunk header is ~85 bytes and a trailer line ~70: anything much longer is not framing.
const MAX_LINE_BYTES = 4096;
const MAX_TRAILER_FIELDS = 16;
const HEX_SIZE = /^[0-9a-fA-F]{1,16}$/;
const SIGNATURE = /^[0-9a-f]{64}$/;
const SIGNATURE_EXTENSION = 'chunk-signature=';
const TRAILER_SIGNATURE = 'x-amz-trailer-signature';

// Where the decoder is in the framing.
const CHUNK_HEADER = 0;
const DATA = 1;
const DATA_CR = 2;
const DATA_LF = 3;
const TRAILER = 4;
const DONE = 5;

export interface AwsChunkedOptions {
  /** For signed chunks: each header must carry `;chunk-signature=<hex>`, checked along this chain. */
  chain?: ChunkSignatureChain;
  /** `…-PAYLOAD-TRAILER`: the trailer ends with `x-amz-trailer-signature`, checked along the chain. */
  signedTrailer?: boolean;
}

/**
 * Reads `Content-Encoding: aws-chunked` framing: `<hex size>[;chunk-signature=<sig>]\r\n<data>\r\n`
 * chunks, a zero-size final chunk, trailer lines `name:value\r\n`, and an empty line.
 *
 * `decode` yields the data as views into the source's buffers (no copy); a framing error surfaces as
 * S3's `IncompleteBody`, a bad signature as `SignatureDoesNotMatch`. Data is yielded before its
 * chunk's signature can be checked (the signature covers the whole chunk), so a consumer must treat
 * nothing as final until the iteration has ended without error.
 */
export class AwsChunkedDecoder {
  /** The trailer fields, without the trailer signature; complete once `decode` has finished. */
  readonly trailer: TrailerField[] = [];
  private trailerSignature: string | undefined;

  constructor(private readonly options: AwsChunkedOptions = {}) {}

  async *decode(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer, void, undefined> {
    const { chain } = this.options;
    let state = CHUNK_HEADER;
    let remaining = 0;
    // A header or trailer line cut across two source buffers (rare: lines are short).
    let partial: Buffer | undefined;

    for await (const input of source) {
      const length = input.length;
      let offset = 0;
      while (offset < length) {
        if (state === DATA) {
          const end = Math.min(length, offset + remaining);
          const data = input.subarray(offset, end);
          remaining -= end - offset;
          offset = end;
          chain?.update(data);
          yield data;
          if (remaining === 0) state = DATA_CR;
          continue;
        }
        if (state === DATA_CR || state === DATA_LF) {
          if (input[offset] !== (state === DATA_CR ? CR : LF)) throw bodyEndedUnexpectedly();
          offset++;
          if (state === DATA_LF) {
            chain?.end();
            state = CHUNK_HEADER;
          } else {
            state = DATA_LF;
          }
          continue;
        }
        if (state === DONE) throw bodyEndedUnexpectedly(); // bytes after the final empty line

        const lf = input.indexOf(LF, offset);
        if (lf === -1) {
          partial = partial ? Buffer.concat([partial, input.subarray(offset)]) : input.subarray(offset);
          if (partial.length > MAX_LINE_BYTES) throw bodyEndedUnexpectedly();
          break;
        }
        let line = input.subarray(offset, lf + 1);
        offset = lf + 1;
        if (partial) {
          line = Buffer.concat([partial, line]);
          partial = undefined;
        }
        const text = lineText(line);
        if (state === CHUNK_HEADER) {
          remaining = this.chunkHeader(text);
          if (remaining > 0) {
            state = DATA;
          } else {
            chain?.end();
            state = TRAILER;
          }
        } else if (text === '') {
          this.endTrailer();
          state = DONE;
        } else {
          this.trailerLine(text);
        }
      }
    }
    // Some SDK versions end a body without trailer right after `0\r\n`, leaving out the empty line.
    if (state === TRAILER && partial === undefined && this.trailer.length === 0) {
      if (this.trailerSignature !== undefined) throw bodyEndedUnexpectedly();
      this.endTrailer();
      state = DONE;
    }
    if (state !== DONE) throw bodyEndedUnexpectedly();
  }

  /** `<hex size>` for unsigned chunks (extensions ignored), `<hex size>;chunk-signature=<64 hex>` for signed. */
  private chunkHeader(text: string): number {
    const semicolon = text.indexOf(';');
    const hex = semicolon === -1 ? text : text.slice(0, semicolon);
    if (!HEX_SIZE.test(hex)) throw bodyEndedUnexpectedly();
    const size = Number.parseInt(hex, 16);
    if (!Number.isSafeInteger(size)) throw bodyEndedUnexpectedly();
    const { chain } = this.options;
    if (chain) {
      const extension = semicolon === -1 ? '' : text.slice(semicolon + 1);
      const signature = extension.startsWith(SIGNATURE_EXTENSION)
        ? extension.slice(SIGNATURE_EXTENSION.length)
        : '';
      if (!SIGNATURE.test(signature)) throw bodyEndedUnexpectedly();
      chain.begin(signature);
    }
    return size;
  }

  private trailerLine(text: string): void {
    const colon = text.indexOf(':');
    const name = colon > 0 ? text.slice(0, colon).trim().toLowerCase() : '';
    if (name === '' || this.trailer.length >= MAX_TRAILER_FIELDS) throw malformedTrailer();
    const value = text.slice(colon + 1).trim();
    if (name !== TRAILER_SIGNATURE) {
      this.trailer.push([name, value]);
    } else if (this.trailerSignature === undefined) {
      this.trailerSignature = value;
    } else {
      throw malformedTrailer();
    }
  }

  private endTrailer(): void {
    const signature = this.trailerSignature;
    const { chain, signedTrailer } = this.options;
    if (!signedTrailer || !chain) {
      // Nothing could check a trailer signature here: its presence means the framing is not what
      // `x-amz-content-sha256` announced.
      if (signature !== undefined) throw malformedTrailer();
      return;
    }
    if (signature === undefined || !SIGNATURE.test(signature)) throw malformedTrailer();
    chain.verifyTrailer(this.trailer, signature);
  }
}

/** A framing line without its CRLF; a line ending in a bare LF is malformed. */
function lineText(line: Buffer): string {
  const length = line.length;
  if (length > MAX_LINE_BYTES || length < 2 || line[length - 2] !== CR) throw bodyEndedUnexpectedly();
  return line.toString('latin1', 0, length - 2);
}
