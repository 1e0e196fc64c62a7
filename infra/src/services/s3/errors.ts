import { ServiceError } from '../../core/errors.js';

/**
 * S3's errors, with the code, status and message S3 itself returns. Extra elements of the XML body
 * (`Key`, `BucketName`, `UploadId`, …) travel in `fields` and are rendered after `Message`.
 *
 * @example throw noSuchKey('photos/cat.jpg')
 */
export function s3Error(
  code: string,
  message: string,
  status: number,
  fields: Record<string, string | number> = {},
  headers: Record<string, string> = {},
): ServiceError {
  return new ServiceError(code, message, status, { fields, headers });
}

export const noSuchBucket = (bucket: string) =>
  s3Error('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: bucket });

export const noSuchKey = (key: string) =>
  s3Error('NoSuchKey', 'The specified key does not exist.', 404, { Key: key });

export const noSuchUpload = (uploadId: string) =>
  s3Error(
    'NoSuchUpload',
    'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
    404,
    { UploadId: uploadId },
  );

export const bucketAlreadyOwnedByYou = (bucket: string) =>
  s3Error(
    'BucketAlreadyOwnedByYou',
    'Your previous request to create the named bucket succeeded and you already own it.',
    409,
    { BucketName: bucket },
  );

export const bucketNotEmpty = (bucket: string) =>
  s3Error('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, { BucketName: bucket });

export const invalidBucketName = (bucket: string) =>
  s3Error('InvalidBucketName', 'The specified bucket is not valid.', 400, { BucketName: bucket });

export const keyTooLong = () => s3Error('KeyTooLongError', 'Your key is too long', 400);

export const badDigest = (fields: Record<string, string> = {}) =>
  s3Error('BadDigest', 'The Content-MD5 you specified did not match what we received.', 400, fields);

export const invalidDigest = (contentMd5: string) =>
  s3Error('InvalidDigest', 'The Content-MD5 you specified was invalid.', 400, { 'Content-MD5': contentMd5 });

/** A flexible checksum (`x-amz-checksum-<algorithm>`) that does not match the bytes received. */
export const checksumMismatch = (algorithm: string) =>
  s3Error('BadDigest', `The ${algorithm} you specified did not match the calculated checksum.`, 400);

/** A flexible checksum value that is not the base64 of a digest of the right length. */
export const invalidChecksum = (algorithm: string) =>
  s3Error('InvalidRequest', `Value for x-amz-checksum-${algorithm.toLowerCase()} header is invalid.`, 400);

export const contentSha256Mismatch = (clientHash: string, computedHash: string) =>
  s3Error(
    'XAmzContentSHA256Mismatch',
    "The provided 'x-amz-content-sha256' header does not match what was computed.",
    400,
    { ClientComputedContentSHA256: clientHash, S3ComputedContentSHA256: computedHash },
  );

export const incompleteBody = () =>
  s3Error(
    'IncompleteBody',
    'You did not provide the number of bytes specified by the Content-Length HTTP header',
    400,
  );

export const entityTooLarge = (maxSize: number, proposedSize: number) =>
  s3Error('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 400, {
    ProposedSize: proposedSize,
    MaxSizeAllowed: maxSize,
  });

export const entityTooSmall = (proposedSize: number, minSize: number) =>
  s3Error('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.', 400, {
    ProposedSize: proposedSize,
    MinSizeAllowed: minSize,
  });

export const invalidPart = (partNumber: number, etag: string) =>
  s3Error(
    'InvalidPart',
    "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
    400,
    { PartNumber: partNumber, ETag: etag },
  );

export const invalidPartOrder = () =>
  s3Error(
    'InvalidPartOrder',
    'The list of parts was not in ascending order. Parts must be ordered by part number.',
    400,
  );

export const malformedXml = () =>
  s3Error(
    'MalformedXML',
    'The XML you provided was not well-formed or did not validate against our published schema',
    400,
  );

export const invalidArgument = (message: string, name: string, value: string) =>
  s3Error('InvalidArgument', message, 400, { ArgumentName: name, ArgumentValue: value });

export const invalidRequest = (message: string) => s3Error('InvalidRequest', message, 400);

export const invalidRange = (size: number, range: string) =>
  s3Error(
    'InvalidRange',
    'The requested range is not satisfiable',
    416,
    {
      RangeRequested: range,
      ActualObjectSize: size,
    },
    { 'content-range': `bytes */${size}` },
  );

export const preconditionFailed = (condition: string) =>
  s3Error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, {
    Condition: condition,
  });

export const accessDenied = (message = 'Access Denied') => s3Error('AccessDenied', message, 403);

export const methodNotAllowed = (method: string, resourceType: string) =>
  s3Error('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, {
    Method: method,
    ResourceType: resourceType,
  });

export const notImplemented = (what: string) =>
  s3Error(
    'NotImplemented',
    `A header or query you provided implies functionality that is not implemented: ${what}`,
    501,
  );

/** aws-chunked framing that cannot be read (bad chunk size, missing CRLF, body cut short): S3's answer. */
export const bodyEndedUnexpectedly = (cause?: unknown) =>
  new ServiceError('IncompleteBody', 'The request body terminated unexpectedly', 400, { cause });

/** A body whose length is not the declared `Content-Length` or `x-amz-decoded-content-length`. */
export const bodyLengthMismatch = (expected: number, provided: number) =>
  s3Error(
    'IncompleteBody',
    'You did not provide the number of bytes specified by the Content-Length HTTP header',
    400,
    { NumberBytesExpected: expected, NumberBytesProvided: provided },
  );

/** A body without a usable length: no `Content-Length`, or a bad `x-amz-decoded-content-length`. */
export const missingContentLength = () =>
  s3Error('MissingContentLength', 'You must provide the Content-Length HTTP header.', 411);

/** A trailer that is malformed, missing although announced by `x-amz-trailer`, or not announced. */
export const malformedTrailer = () =>
  s3Error(
    'MalformedTrailerError',
    'The request contained trailing data that was not well-formed or did not conform to our published schema.',
    400,
  );

/** A trailing `x-amz-checksum-<algorithm>` that is not the base64 of a digest of the right length. */
export const invalidTrailingChecksum = (algorithm: string) =>
  s3Error(
    'InvalidRequest',
    `Value for x-amz-checksum-${algorithm.toLowerCase()} trailing header is invalid.`,
    400,
  );

/** A chunk or trailer signature of an aws-chunked upload that does not match (the seed did). */
export const signatureDoesNotMatch = () =>
  s3Error(
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    403,
  );

export const multipleChecksumHeaders = () =>
  invalidRequest('Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.');

export const unknownChecksumAlgorithm = () =>
  invalidRequest('The algorithm type you specified in x-amz-checksum- header is invalid.');

export const invalidSdkChecksumAlgorithm = () =>
  invalidRequest('Value for x-amz-sdk-checksum-algorithm header is invalid.');

export const sdkChecksumWithoutValue = () =>
  invalidRequest(
    'x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.',
  );

export const unsupportedTrailer = () =>
  invalidRequest('The value specified in the x-amz-trailer header is not supported');

export const invalidContinuationToken = (token: string) =>
  invalidArgument('The continuation token provided is incorrect', 'continuation-token', token);
