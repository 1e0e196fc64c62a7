/**
 * What the local cloud takes from a SAM / CloudFormation template: the stack's functions, fully
 * resolved (Globals merged, intrinsics evaluated, paths absolute), plus every template feature it
 * cannot honour, so that start-up can say so instead of ignoring it.
 */

export interface StackDefinition {
  /** Absolute path of the template file. */
  templatePath: string;
  stackName: string;
  region: string;
  accountId: string;
  functions: FunctionDefinition[];
  /** Features of the template the local cloud does not support (reported at start, never silently dropped). */
  issues: TemplateIssue[];
}

export interface TemplateIssue {
  /** Logical id of the resource, or a section name (`Globals`, `Parameters`, `Conditions`, …). */
  resource: string;
  /** Property path inside the resource (`Properties.Layers`, `Events.Upload`), when the issue is about one. */
  property?: string;
  message: string;
}

export type PackageKind = 'nodejs' | 'python' | 'provided';

export interface FunctionDefinition {
  logicalId: string;
  /** `FunctionName` when the template sets it, else the logical id (as `sam local` names functions). */
  functionName: string;
  /** The resource type it came from. */
  resourceType: 'AWS::Serverless::Function' | 'AWS::Lambda::Function';
  /** e.g. `nodejs20.x`, `nodejs22.x`, `python3.12`, `provided.al2023`. */
  runtime: string;
  kind: PackageKind;
  /** e.g. `app.handler`; for `provided` runtimes whatever the template says (may be any string). */
  handler: string;
  /** Absolute directory holding the code (`CodeUri`/`Code` relative to the template, or a folder the reader wrote `Code.ZipFile` into). */
  codeDir: string;
  /** MB, 128–10240; default 128. */
  memorySize: number;
  /** Seconds, 1–900; default 3. */
  timeout: number;
  environment: Record<string, string>;
  /** `undefined` means unreserved. */
  reservedConcurrency?: number;
  architectures: Array<'x86_64' | 'arm64'>;
  /** Role ARN (resolved from `Role`, or the implicit `<LogicalId>Role` SAM creates). */
  role: string;
  description?: string;
  /** Present when the function is built before it runs (SAM `Metadata: BuildMethod: esbuild`). */
  build?: EsbuildBuild;
  asyncConfig: AsyncInvokeConfig;
  tags: Record<string, string>;
}

export interface EsbuildBuild {
  method: 'esbuild';
  /** Absolute paths of the entry points (SAM `BuildProperties.EntryPoints`, relative to CodeUri). */
  entryPoints: string[];
  format: 'cjs' | 'esm';
  target?: string;
  minify: boolean;
  sourcemap: boolean;
  external: string[];
  /** The name of the bundled file's module, i.e. what the handler's module part must resolve to (`app` for `app.handler`). */
  outExtension?: string;
  /** Other properties passed through (`Banner`, `Define`, …) as read, keys as in the template. */
  extra: Record<string, unknown>;
}

export interface AsyncInvokeConfig {
  /** 0–2, default 2. */
  maximumRetryAttempts: number;
  /** 60–21600 seconds, default 21600 (6 hours). */
  maximumEventAgeInSeconds: number;
  onSuccess?: DestinationTarget;
  onFailure?: DestinationTarget;
}

export interface DestinationTarget {
  /** Only Lambda destinations run locally; other types are reported as issues and ignored. */
  type: 'Lambda';
  /** Target function ARN as written in the template after resolution. */
  arn: string;
  /** The target's function name, resolved from the ARN. */
  functionName: string;
}
