import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { XMLParser } from 'fast-xml-parser';

/** Where a stack lives: the local cloud (its endpoint) or AWS (the region's CloudFormation). */
export interface StackLocation {
  stackName: string;
  region: string;
  /** The local cloud's URL; absent for AWS. */
  endpoint?: string;
  /** Keys, or a provider of them (the default chain on AWS). */
  credentials: Credentials;
}

type Credentials = ConstructorParameters<typeof SignatureV4>[0]['credentials'];

/** A failure the person running the command can act on: printed without a stack trace. */
export class PublishError extends Error {
  override readonly name = 'PublishError';
}

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  removeNSPrefix: true,
  isArray: (name) => name === 'member',
});

/**
 * The stack's outputs (`OutputKey` → `OutputValue`), read with CloudFormation's `DescribeStacks`
 * (awsQuery, SigV4-signed) from AWS or from the local cloud, which answers it with its template's
 * evaluated Outputs: one code path for both. Done by hand with the SDK's signer, as the AWS SDK's
 * CloudFormation client is not a dependency.
 */
export async function stackOutputs(location: StackLocation): Promise<Record<string, string>> {
  const url = new URL(
    location.endpoint ?? `https://cloudformation.${location.region}.${urlSuffix(location)}/`,
  );
  const body = new URLSearchParams({
    Action: 'DescribeStacks',
    Version: '2010-05-15',
    StackName: location.stackName,
  }).toString();
  const signer = new SignatureV4({
    credentials: location.credentials,
    region: location.region,
    service: 'cloudformation',
    sha256: Sha256,
  });
  const request = new HttpRequest({
    method: 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port && { port: Number(url.port) }),
    path: '/',
    headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body,
  });
  const signed = (await signer.sign(request)) as HttpRequest;
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers: signed.headers, body });
  } catch (error) {
    const where = location.endpoint
      ? `the local cloud at ${location.endpoint} (is it running? \`npm start\` starts it)`
      : url.host;
    throw new PublishError(`cannot reach ${where}: ${(error as Error).cause ?? error}`);
  }
  const document: unknown = parser.parse(await response.text());
  if (!response.ok) {
    const error = at(document, 'ErrorResponse', 'Error');
    throw new PublishError(
      `DescribeStacks ${location.stackName} failed (${response.status} ${at(error, 'Code') ?? ''}): ${at(error, 'Message') ?? 'no message'}`,
    );
  }
  const stacks = at(document, 'DescribeStacksResponse', 'DescribeStacksResult', 'Stacks', 'member');
  const outputs = (at(stacks, 0, 'Outputs', 'member') ?? []) as Array<{
    OutputKey?: string;
    OutputValue?: string;
  }>;
  return Object.fromEntries(
    outputs
      .filter((output) => output.OutputKey !== undefined)
      .map((output) => [output.OutputKey, output.OutputValue ?? '']),
  );
}

/** Walks a parsed XML document; undefined as soon as a step is missing. */
function at(value: unknown, ...steps: Array<string | number>): unknown {
  let current = value;
  for (const step of steps) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

function urlSuffix(location: StackLocation): string {
  return location.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
}

/** The outputs a command needs, each one present, or a PublishError naming the missing ones. */
export function requireOutputs<K extends string>(
  outputs: Record<string, string>,
  keys: readonly K[],
  stackName: string,
): Record<K, string> {
  const missing = keys.filter((key) => !outputs[key]);
  if (missing.length > 0) {
    throw new PublishError(
      `the stack ${stackName} has no output ${missing.join(', ')} (see infra/template.yaml)`,
    );
  }
  return Object.fromEntries(keys.map((key) => [key, outputs[key] as string])) as Record<K, string>;
}
