import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type VerifiedRequest, verifySignature } from '../../../../../src/core/sigv4/verify.js';
import { checksumOf } from '../../../../../src/services/s3/body/checksums.js';
import { decode, expectS3Error, frameSigned, md5Hex, type SigningScope, verifiedFor } from './support.js';

const MAX = 5 * 1024 ** 3;
const SIGNED = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD';
const SIGNED_TRAILER = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER';

// The worked examples of the AWS docs "sigv4-streaming" and "sigv4-streaming-trailers": 65 KB of
// 'a' in chunks of 64 KB, 1 KB and 0, signed with the documentation's example key.
const DOC_CREDENTIALS = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
const DOC_DATA = Buffer.alloc(66_560, 'a');
const DOC_SIGNATURES = [
  'ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648',
  '0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497',
  'b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9',
] as const;
const DOC_HEADERS = {
  host: 's3.amazonaws.com',
  'x-amz-date': '20130524T000000Z',
  'x-amz-storage-class': 'REDUCED_REDUNDANCY',
  authorization:
    'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,' +
    'SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class,' +
    'Signature=4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9',
  'x-amz-content-sha256': SIGNED,
  'content-encoding': 'aws-chunked',
  'x-amz-decoded-content-length': '66560',
  'content-length': '66824',
};

function docBody(signatures: readonly string[], trailer = ''): Buffer {
  return Buffer.concat([
    Buffer.from(`10000;chunk-signature=${signatures[0]}\r\n`),
    DOC_DATA.subarray(0, 65_536),
    Buffer.from(`\r\n400;chunk-signature=${signatures[1]}\r\n`),
    DOC_DATA.subarray(65_536),
    Buffer.from(`\r\n0;chunk-signature=${signatures[2]}\r\n${trailer}\r\n`),
  ]);
}

/** The documented request, through our own verifier: the seed signature it returns starts the chain. */
function verifiedDocRequest(): VerifiedRequest {
  return verifySignature(
    { method: 'PUT', rawPath: '/examplebucket/chunkObject.txt', rawQuery: '', headers: DOC_HEADERS },
    () => DOC_CREDENTIALS,
    Date.UTC(2013, 4, 24, 0, 0, 30),
  );
}

function withOneCharChanged(text: string): string {
  return `${text.slice(0, -1)}${text.endsWith('0') ? '1' : '0'}`;
}

describe('readObjectBody on the AWS documentation example of signed chunks', () => {
  it('decodes the documented body, verifying each documented chunk signature', async () => {
    const signature = verifiedDocRequest();
    const wire = docBody(DOC_SIGNATURES);

    const { bytes, digest } = await decode(wire, { headers: DOC_HEADERS, signature, maxBytes: MAX }, 1000);

    expect(wire).toHaveLength(66_824);
    expect(bytes.equals(DOC_DATA)).toBe(true);
    expect(digest).toEqual({ size: 66_560, md5Hex: md5Hex(DOC_DATA) });
  });

  it('refuses the body when any one chunk signature is changed, as SignatureDoesNotMatch', async () => {
    const signature = verifiedDocRequest();

    for (const index of [0, 1, 2]) {
      const signatures = DOC_SIGNATURES.map((value, i) => (i === index ? withOneCharChanged(value) : value));

      await expectS3Error(
        decode(docBody(signatures), { headers: DOC_HEADERS, signature, maxBytes: MAX }),
        'SignatureDoesNotMatch',
        403,
      );
    }
  });

  it('refuses a changed data byte, which its chunk signature no longer covers', async () => {
    const wire = docBody(DOC_SIGNATURES);
    wire[66_000] = 0x62;

    await expectS3Error(
      decode(wire, { headers: DOC_HEADERS, signature: verifiedDocRequest(), maxBytes: MAX }),
      'SignatureDoesNotMatch',
      403,
    );
  });

  it('decodes the documented body with a signed CRC32C trailer', async () => {
    const scope: SigningScope = {
      ...DOC_CREDENTIALS,
      date: '20130524',
      region: 'us-east-1',
      amzDate: '20130524T000000Z',
      seed: '106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e',
    };
    const headers = {
      'content-encoding': 'aws-chunked',
      'x-amz-decoded-content-length': '66560',
      'x-amz-trailer': 'x-amz-checksum-crc32c',
    };
    const trailer =
      'x-amz-checksum-crc32c:sOO8/Q==\r\n' +
      'x-amz-trailer-signature:d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435\r\n';
    const signatures = [
      'b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2',
      '1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7',
      '2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992',
    ];
    const signature = verifiedFor(scope, SIGNED_TRAILER);

    const { digest } = await decode(docBody(signatures, trailer), { headers, signature, maxBytes: MAX }, 777);
    const changedValue = await expectS3Error(
      decode(docBody(signatures, trailer.replace('sOO8/Q==', 'sOO8/A==')), {
        headers,
        signature,
        maxBytes: MAX,
      }),
      'SignatureDoesNotMatch',
      403,
    );

    expect(digest.checksum).toEqual({ algorithm: 'CRC32C', value: 'sOO8/Q==' });
    expect(changedValue.message).toMatch(/signature we calculated does not match/);
  });
});

describe('readObjectBody on signed chunks', () => {
  const scope: SigningScope = {
    secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
    date: '20260115',
    region: 'eu-west-3',
    amzDate: '20260115T120000Z',
    seed: 'c0ffee'.padEnd(64, '0'),
  };
  const data = randomBytes(40_000);
  const headers = {
    'content-encoding': 'aws-chunked',
    'x-amz-content-sha256': SIGNED,
    'x-amz-decoded-content-length': String(data.length),
  };
  const signature = verifiedFor(scope, SIGNED);

  it('decodes chunks of any size cut at any byte', async () => {
    for (const [chunkSize, pieceSize] of [
      [8192, 1],
      [8192, 8193],
      [40_000, 100],
      [65_536, 65_536],
    ] as const) {
      const { bytes } = await decode(
        frameSigned(data, chunkSize, scope),
        { headers, signature, maxBytes: MAX },
        pieceSize,
      );

      expect(bytes.equals(data), `chunks of ${chunkSize} in pieces of ${pieceSize}`).toBe(true);
    }
  });

  it('refuses chunks that traded places, although each is signed', async () => {
    const wire = frameSigned(data, 8192, scope).toString('latin1');
    const [first, second, ...rest] = wire.split(/(?=2000;chunk-signature=)/);

    await expectS3Error(
      decode(Buffer.from([second, first, ...rest].join(''), 'latin1'), { headers, signature, maxBytes: MAX }),
      'SignatureDoesNotMatch',
      403,
    );
  });

  it('refuses a chunk signed from another seed', async () => {
    const other = frameSigned(data, 8192, { ...scope, seed: withOneCharChanged(scope.seed) });

    await expectS3Error(decode(other, { headers, signature, maxBytes: MAX }), 'SignatureDoesNotMatch', 403);
  });

  it('refuses a chunk header without a well-formed chunk-signature as IncompleteBody', async () => {
    const wire = frameSigned(data, 8192, scope).toString('latin1');
    const broken = [
      wire.replace(/;chunk-signature=[0-9a-f]{64}/, ''),
      wire.replace(/;chunk-signature=([0-9a-f]{63})[0-9a-f]/, ';chunk-signature=$1'),
      wire.replace(';chunk-signature=', ';chunk-signature:'),
    ];

    for (const body of broken) {
      await expectS3Error(
        decode(Buffer.from(body, 'latin1'), { headers, signature, maxBytes: MAX }),
        'IncompleteBody',
      );
    }
  });

  it('refuses signed chunks on an anonymous request, which has no seed signature', async () => {
    await expectS3Error(
      decode(frameSigned(data, 8192, scope), { headers, maxBytes: MAX }),
      'AccessDenied',
      403,
    );
  });

  it('refuses a trailer after signed chunks that announced none', async () => {
    const wire = frameSigned(data, 8192, scope, [`x-amz-checksum-crc32:${await checksumOf('CRC32', data)}`]);

    await expectS3Error(decode(wire, { headers, signature, maxBytes: MAX }), 'MalformedTrailerError');
  });
});

describe('readObjectBody on signed chunks with a signed trailer', () => {
  const scope: SigningScope = {
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
    date: '20260115',
    region: 'us-east-1',
    amzDate: '20260115T120000Z',
    seed: 'feed'.padEnd(64, '1'),
  };
  const data = randomBytes(30_000);
  const headers = {
    'content-encoding': 'aws-chunked',
    'x-amz-content-sha256': SIGNED_TRAILER,
    'x-amz-decoded-content-length': String(data.length),
    'x-amz-trailer': 'x-amz-checksum-sha256',
    'x-amz-sdk-checksum-algorithm': 'SHA256',
  };
  const signature = verifiedFor(scope, SIGNED_TRAILER);

  it('verifies the trailer signature and the checksum it carries', async () => {
    const value = await checksumOf('SHA256', data);
    const wire = frameSigned(data, 8192, scope, [`x-amz-checksum-sha256:${value}`]);

    const { digest } = await decode(wire, { headers, signature, maxBytes: MAX }, 3000);

    expect(digest.checksum).toEqual({ algorithm: 'SHA256', value });
  });

  it('refuses a correctly signed trailer whose checksum does not match the bytes, as BadDigest', async () => {
    const wrong = await checksumOf('SHA256', Buffer.from('other'));
    const wire = frameSigned(data, 8192, scope, [`x-amz-checksum-sha256:${wrong}`]);

    await expectS3Error(decode(wire, { headers, signature, maxBytes: MAX }), 'BadDigest');
  });

  it('refuses a trailer without its signature, or with a wrong one', async () => {
    const value = await checksumOf('SHA256', data);
    const wire = frameSigned(data, 8192, scope, [`x-amz-checksum-sha256:${value}`]).toString('latin1');
    const unsigned = wire.replace(/x-amz-trailer-signature:[0-9a-f]{64}\r\n/, '');
    const wrongSignature = wire.replace(/(x-amz-trailer-signature:[0-9a-f]{63})[0-9a-f]/, '$1x');
    const otherSignature = wire.replace(
      /x-amz-trailer-signature:[0-9a-f]{64}/,
      `x-amz-trailer-signature:${'0'.repeat(64)}`,
    );

    await expectS3Error(
      decode(Buffer.from(unsigned, 'latin1'), { headers, signature, maxBytes: MAX }),
      'MalformedTrailerError',
    );
    await expectS3Error(
      decode(Buffer.from(wrongSignature, 'latin1'), { headers, signature, maxBytes: MAX }),
      'MalformedTrailerError',
    );
    await expectS3Error(
      decode(Buffer.from(otherSignature, 'latin1'), { headers, signature, maxBytes: MAX }),
      'SignatureDoesNotMatch',
      403,
    );
  });
});
