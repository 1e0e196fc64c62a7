import { S3ServiceException } from '@aws-sdk/client-s3';

/** The S3 error a command fails with (its name, HTTP status, request id); fails the test if it succeeds. */
export async function s3Failure(promise: Promise<unknown>): Promise<S3ServiceException> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof S3ServiceException) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}
