import type http from 'node:http';

/**
 * `Expect: 100-continue`: a client with a large body (the S3 SDK, from a few MB) sends the headers,
 * then waits for `100 Continue` before sending the body. The go-ahead is given only once a service
 * starts reading the body, so a request refused on its headers alone (no such bucket, too large, a
 * bad signature) gets its error without the client uploading gigabytes first — as S3 does.
 */
export class ContinueGate {
  private continued: boolean;

  constructor(
    private readonly req: http.IncomingMessage,
    private readonly res: http.ServerResponse,
    expectsContinue: boolean,
  ) {
    this.continued = !expectsContinue;
  }

  /** True while the client holds its body back: answering now ends the exchange (and the connection). */
  get withheld(): boolean {
    return !this.continued;
  }

  /** Asks the client for the body, once. */
  open(): void {
    if (this.continued) return;
    this.continued = true;
    this.res.writeContinue();
  }

  /** The body, asked for only when it is first read; iterating it never destroys the request. */
  body(): AsyncIterable<Uint8Array> {
    if (this.continued) return this.req;
    return {
      [Symbol.asyncIterator]: () => {
        this.open();
        return this.req.iterator({ destroyOnReturn: false });
      },
    };
  }
}
