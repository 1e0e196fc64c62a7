/** DynamoDB Local runs on the machine's Java; these say how to get one. */
const INSTALL_HINT =
  'Install it with `apt-get install -y openjdk-17-jre-headless` (Debian/Ubuntu) or `brew install openjdk@17` (macOS).';

/**
 * No usable `java` to run DynamoDB Local with: none on the PATH (or at the configured command), or
 * one too old for DynamoDB Local 3.x.
 */
export class JavaMissingError extends Error {
  override readonly name = 'JavaMissingError';

  constructor(
    readonly command: string,
    reason: 'missing' | 'too-old' = 'missing',
    options: { cause?: unknown } = {},
  ) {
    const found =
      reason === 'missing' ? `\`${command}\` was not found` : `\`${command}\` is older than Java 17`;
    super(`DynamoDB Local needs Java 17 or newer, but ${found}. ${INSTALL_HINT}`, options);
  }
}

/**
 * DynamoDB Local did not start (it exited, or did not answer in time) or stopped by itself; the
 * message carries what it printed, which is the only place its reasons are.
 */
export class DynamoDbLocalError extends Error {
  override readonly name = 'DynamoDbLocalError';

  constructor(
    message: string,
    readonly output: string,
    options: { cause?: unknown } = {},
  ) {
    super(output ? `${message}\n--- DynamoDB Local output ---\n${output.trimEnd()}` : message, options);
  }
}
