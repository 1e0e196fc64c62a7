/**
 * A service error as an AWS API returns it: the error code (`ResourceNotFoundException`, `NoSuchKey`),
 * the HTTP status, and whether the caller is at fault. Each protocol renders it its own way
 * (restJson1 and awsJson put the code in `x-amzn-ErrorType` and a JSON body; S3 writes XML).
 *
 * @example throw new ServiceError('ResourceNotFoundException', `Function not found: ${arn}`, 404)
 */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';
  /** Extra response headers (`Retry-After` for throttles). */
  readonly headers: Record<string, string>;
  /** Extra fields of the JSON error body (`Reason` for throttles, `Type` is added by the renderer). */
  readonly fields: Record<string, unknown>;

  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    options: { cause?: unknown; headers?: Record<string, string>; fields?: Record<string, unknown> } = {},
  ) {
    super(message, { cause: options.cause });
    this.headers = options.headers ?? {};
    this.fields = options.fields ?? {};
  }

  /** AWS calls 4xx errors the sender's fault ("User"/"Client") and 5xx the service's ("Service"/"Server"). */
  get senderFault(): boolean {
    return this.status < 500;
  }
}

/** Raised while reading the template or building functions: named resource, property and reason. */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';
  constructor(
    message: string,
    readonly resource?: string,
    readonly property?: string,
    options: { cause?: unknown } = {},
  ) {
    super(resource ? `${resource}${property ? `.${property}` : ''}: ${message}` : message, options);
  }
}
