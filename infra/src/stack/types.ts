/**
 * What the local cloud takes from a SAM / CloudFormation template: the stack's functions, fully
 * resolved (Globals merged, intrinsics evaluated, paths absolute), plus every template feature it
 * cannot honour, so that start-up can say so instead of ignoring it.
 */

export interface StackDefinition {
  /** Absolute path of the template file. */
  templatePath: string;
  stackName: string;
  /** `AWS::StackId`: the same across restarts of one stack. */
  stackId: string;
  /** The template's `Description`. */
  description?: string;
  region: string;
  accountId: string;
  functions: FunctionDefinition[];
  /** S3 buckets (`AWS::S3::Bucket`), with the notifications SAM `Events` of type S3 add to them. */
  buckets: BucketDefinition[];
  /** DynamoDB tables (`AWS::DynamoDB::Table`, `AWS::Serverless::SimpleTable`). */
  tables: TableDefinition[];
  /** DynamoDB stream → Lambda mappings (SAM `Events` of type DynamoDB, `AWS::Lambda::EventSourceMapping`). */
  eventSourceMappings: EventSourceMappingDefinition[];
  /** IAM roles: `AWS::IAM::Role`, and the role SAM creates for each function without `Role`. */
  roles: RoleDefinition[];
  /** Cognito identity pools with their roles and principal tags. */
  identityPools: IdentityPoolDefinition[];
  /** SES identities (`AWS::SES::EmailIdentity`): the senders SendEmail accepts, as if verified. */
  emailIdentities: EmailIdentityDefinition[];
  /** Resource-based policies: `AWS::Lambda::Permission` statements and `AWS::S3::BucketPolicy` documents. */
  resourcePolicies: ResourcePolicyDefinition[];
  /** The template's `Outputs`, evaluated as DescribeStacks shows them after a deployment. */
  outputs: StackOutput[];
  /** Features of the template the local cloud does not support (reported at start, never silently dropped). */
  issues: TemplateIssue[];
}

export interface StackOutput {
  /** The output's logical name (`WebsiteUrl`). */
  key: string;
  value: string;
  description?: string;
  exportName?: string;
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

export interface BucketDefinition {
  logicalId: string;
  /** `BucketName`, or the name CloudFormation would generate: `<stack>-<logicalid>-<suffix>`, lowercase. */
  bucketName: string;
  cors: CorsRule[];
  website?: WebsiteConfiguration;
  /** Lambda notifications only; queue and topic configurations are reported as issues. */
  notifications: LambdaNotification[];
}

/** One rule of `CorsConfiguration.CorsRules`, names as in the S3 API. */
export interface CorsRule {
  id?: string;
  allowedOrigins: string[];
  /** GET, PUT, POST, DELETE, HEAD. */
  allowedMethods: string[];
  allowedHeaders: string[];
  exposedHeaders: string[];
  maxAgeSeconds?: number;
}

export interface WebsiteConfiguration {
  /** `IndexDocument` suffix, e.g. `index.html`. */
  indexDocument?: string;
  /** `ErrorDocument` key, e.g. `index.html` for a single-page app. */
  errorDocument?: string;
  redirectAllRequestsTo?: { hostName: string; protocol?: 'http' | 'https' };
  routingRules: WebsiteRoutingRule[];
}

export interface WebsiteRoutingRule {
  condition?: { keyPrefixEquals?: string; httpErrorCodeReturnedEquals?: string };
  redirect: {
    hostName?: string;
    httpRedirectCode?: string;
    protocol?: 'http' | 'https';
    replaceKeyPrefixWith?: string;
    replaceKeyWith?: string;
  };
}

export interface LambdaNotification {
  /** The configuration id S3 assigns (stable, derived from the stack, bucket, events, filter and function); goes into `s3.configurationId`. */
  id: string;
  /** As configured: `s3:ObjectCreated:*`, `s3:ObjectCreated:Put`, `s3:ObjectRemoved:Delete`, … */
  events: string[];
  /** Key filter rules (`prefix` / `suffix`), at most one of each. */
  prefix?: string;
  suffix?: string;
  functionName: string;
  functionArn: string;
}

export interface TableDefinition {
  logicalId: string;
  /** `TableName`, or `<stack>-<LogicalId>-<suffix>` as CloudFormation generates it. */
  tableName: string;
  /** The CreateTable request for this table, shaped as DynamoDB takes it (keys, attribute definitions,
   * billing mode, provisioned throughput, GSIs, LSIs, stream specification). */
  createTable: import('@aws-sdk/client-dynamodb').CreateTableCommandInput;
  /** `TimeToLiveSpecification.AttributeName` when TTL is enabled. */
  timeToLiveAttribute?: string;
}

export interface EventSourceMappingDefinition {
  logicalId: string;
  /** A stable UUID for this mapping (derived from the stack name and logical id), as Lambda shows it. */
  uuid: string;
  functionName: string;
  /** The table whose stream is read (resolved from `!GetAtt Table.StreamArn` or an ARN string). */
  tableName: string;
  startingPosition: 'TRIM_HORIZON' | 'LATEST';
  /** 1–10000, default 100. */
  batchSize: number;
  /** 0–300, default 0. */
  maximumBatchingWindowInSeconds: number;
  /** -1 (infinite, the default) or 0–10000. */
  maximumRetryAttempts: number;
  /** -1 (infinite, the default) or 60–604800. */
  maximumRecordAgeInSeconds: number;
  bisectBatchOnFunctionError: boolean;
  /** `FunctionResponseTypes: [ReportBatchItemFailures]`. */
  reportBatchItemFailures: boolean;
  /** `FilterCriteria.Filters[].Pattern`, each a JSON string of an event pattern. */
  filterPatterns: string[];
  /** Never set by the template reader (a stream's failures cannot go to a function); see `failureDestination`. */
  onFailure?: DestinationTarget;
  /** `DestinationConfig.OnFailure` when it is an S3 bucket (queues and topics are reported as issues). */
  failureDestination?: StreamFailureDestination;
  /** Default true. */
  enabled: boolean;
}

/** Where a stream mapping keeps the record of a batch it gave up on: an S3 bucket, as Lambda allows. */
export interface StreamFailureDestination {
  type: 'S3';
  /** `arn:aws:s3:::<bucket>`. */
  arn: string;
  bucketName: string;
}

/** An IAM policy document as written in the template, intrinsics resolved (`Version`, `Statement`). */
export type PolicyDocumentJson = Record<string, unknown>;

export interface RoleDefinition {
  logicalId: string;
  /** `RoleName`, or the name CloudFormation / SAM generates. */
  roleName: string;
  /** `arn:aws:iam::<account>:role<path><name>`. */
  arn: string;
  /** The unique id IAM gives the role (`AROA…`, as `Fn::GetAtt Role.RoleId`), the first half of `aws:userid`. */
  roleId: string;
  path: string;
  assumeRolePolicyDocument: PolicyDocumentJson;
  /** Inline policies, and SAM `Policies` (statements and policy templates, expanded as SAM expands them). */
  policies: Array<{ name: string; document: PolicyDocumentJson }>;
  /** `ManagedPolicyArns`; the AWS managed policies the local cloud knows come with their documents. */
  managedPolicies: Array<{ arn: string; document?: PolicyDocumentJson }>;
  /** 3600–43200 seconds, default 3600. */
  maxSessionDuration: number;
  tags: Record<string, string>;
}

export interface IdentityPoolDefinition {
  logicalId: string;
  identityPoolName: string;
  /** `<region>:<uuid>`, stable for the stack and logical id. */
  identityPoolId: string;
  allowUnauthenticatedIdentities: boolean;
  allowClassicFlow: boolean;
  /** `DeveloperProviderName`, the key of `Logins` in GetOpenIdTokenForDeveloperIdentity. */
  developerProviderName?: string;
  /** From `AWS::Cognito::IdentityPoolRoleAttachment` `Roles`. */
  authenticatedRoleArn?: string;
  unauthenticatedRoleArn?: string;
  /** `AWS::Cognito::IdentityPoolPrincipalTag`s, by identity provider name. */
  principalTags: Array<{ providerName: string; useDefaults: boolean; tags: Record<string, string> }>;
}

/**
 * An `AWS::SES::EmailIdentity`. On AWS it still has to be verified (a link clicked, DNS records
 * published); locally it counts as verified from the start.
 */
export interface EmailIdentityDefinition {
  logicalId: string;
  /** `EmailIdentity`: an email address (`noreply@example.com`) or a domain (`example.com`). */
  identity: string;
  kind: 'email-address' | 'domain';
}

/** A policy attached to a resource rather than to an identity. */
export interface ResourcePolicyDefinition {
  logicalId: string;
  kind: 'lambda-permission' | 'bucket-policy';
  /** The ARN of the function (unqualified) or bucket the policy is on. */
  resourceArn: string;
  /**
   * The statements, as the service stores them: a bucket policy as written; a Lambda permission as
   * the policy `GetPolicy` shows for it (`{Version, Id: 'default', Statement: [<one Allow statement>]}`).
   */
  document: PolicyDocumentJson;
}
