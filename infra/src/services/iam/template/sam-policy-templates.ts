import { isObject, ownValue, type TemplateObject } from '../../../stack/values.js';

/**
 * SAM's policy templates (`samtranslator/policy_templates_data/policy_templates.json`), the ones a
 * serverless application of this kind uses: each is its parameters and its definition, written as
 * SAM writes it — a `Statement` list whose ARNs are `Fn::Sub` strings taking the parameters through
 * `Ref`. The translator replaces each `Ref` to a parameter with the value the template gives and
 * leaves the rest to CloudFormation; `expandPolicyTemplate` does the same.
 */

export interface PolicyTemplate {
  parameters: readonly string[];
  definition: TemplateObject;
}

/** An ARN as SAM writes it: `Fn::Sub` of the text, each `${variable}` taken from a parameter. */
function sub(text: string, variables: Record<string, string> = {}): TemplateObject {
  const entries = Object.entries(variables);
  if (entries.length === 0) return { 'Fn::Sub': text };
  return {
    'Fn::Sub': [text, Object.fromEntries(entries.map(([name, parameter]) => [name, { Ref: parameter }]))],
  };
}

function allow(action: string | string[], resource: unknown): TemplateObject {
  return { Action: action, Effect: 'Allow', Resource: resource };
}

function template(parameters: string[], ...statements: TemplateObject[]): PolicyTemplate {
  return { parameters, definition: { Statement: statements } };
}

const ARN = `arn:\${AWS::Partition}`;
const REGIONAL = (service: string) => `${ARN}:${service}:\${AWS::Region}:\${AWS::AccountId}:`;

const TABLE = `${REGIONAL('dynamodb')}table/\${tableName}`;
const TABLE_AND_INDEXES = [
  sub(TABLE, { tableName: 'TableName' }),
  sub(`${TABLE}/index/*`, { tableName: 'TableName' }),
];
const BUCKET = `${ARN}:s3:::\${bucketName}`;
const BUCKET_AND_OBJECTS = [
  sub(BUCKET, { bucketName: 'BucketName' }),
  sub(`${BUCKET}/*`, { bucketName: 'BucketName' }),
];
const SES_IDENTITY = sub(`${REGIONAL('ses')}identity/\${identityName}`, { identityName: 'IdentityName' });
const QUEUE = sub(`${REGIONAL('sqs')}\${queueName}`, { queueName: 'QueueName' });

const dynamodb = (actions: string[]) => actions.map((action) => `dynamodb:${action}`);
const s3 = (actions: string[]) => actions.map((action) => `s3:${action}`);
const ses = (actions: string[]) => actions.map((action) => `ses:${action}`);

const TEMPLATES: Record<string, PolicyTemplate> = {
  DynamoDBCrudPolicy: template(
    ['TableName'],
    allow(
      dynamodb([
        'GetItem',
        'DeleteItem',
        'PutItem',
        'Scan',
        'Query',
        'UpdateItem',
        'BatchWriteItem',
        'BatchGetItem',
        'DescribeTable',
        'ConditionCheckItem',
      ]),
      TABLE_AND_INDEXES,
    ),
  ),
  DynamoDBReadPolicy: template(
    ['TableName'],
    allow(dynamodb(['GetItem', 'Scan', 'Query', 'BatchGetItem', 'DescribeTable']), TABLE_AND_INDEXES),
  ),
  DynamoDBWritePolicy: template(
    ['TableName'],
    allow(dynamodb(['PutItem', 'UpdateItem', 'BatchWriteItem']), TABLE_AND_INDEXES),
  ),
  DynamoDBReconfigurePolicy: template(
    ['TableName'],
    allow(dynamodb(['UpdateTable']), sub(TABLE, { tableName: 'TableName' })),
  ),
  DynamoDBStreamReadPolicy: template(
    ['StreamName', 'TableName'],
    allow(
      dynamodb(['DescribeStream', 'GetRecords', 'GetShardIterator']),
      sub(`${TABLE}/stream/\${streamName}`, { streamName: 'StreamName', tableName: 'TableName' }),
    ),
    allow(dynamodb(['ListStreams']), sub(`${TABLE}/stream/*`, { tableName: 'TableName' })),
  ),
  S3ReadPolicy: template(
    ['BucketName'],
    allow(
      s3(['GetObject', 'ListBucket', 'GetBucketLocation', 'GetObjectVersion', 'GetLifecycleConfiguration']),
      BUCKET_AND_OBJECTS,
    ),
  ),
  S3WritePolicy: template(
    ['BucketName'],
    allow(s3(['PutObject', 'PutObjectAcl', 'PutLifecycleConfiguration']), BUCKET_AND_OBJECTS),
  ),
  S3CrudPolicy: template(
    ['BucketName'],
    allow(
      s3([
        'GetObject',
        'ListBucket',
        'GetBucketLocation',
        'GetObjectVersion',
        'PutObject',
        'PutObjectAcl',
        'GetLifecycleConfiguration',
        'PutLifecycleConfiguration',
        'DeleteObject',
      ]),
      BUCKET_AND_OBJECTS,
    ),
  ),
  S3FullAccessPolicy: template(
    ['BucketName'],
    allow(
      s3([
        'GetObject',
        'GetObjectAcl',
        'GetObjectVersion',
        'PutObject',
        'PutObjectAcl',
        'DeleteObject',
        'DeleteObjectTagging',
        'DeleteObjectVersionTagging',
        'GetObjectTagging',
        'GetObjectVersionTagging',
        'PutObjectTagging',
        'PutObjectVersionTagging',
      ]),
      [sub(`${BUCKET}/*`, { bucketName: 'BucketName' })],
    ),
    allow(s3(['ListBucket', 'GetBucketLocation', 'GetLifecycleConfiguration', 'PutLifecycleConfiguration']), [
      sub(BUCKET, { bucketName: 'BucketName' }),
    ]),
  ),
  LambdaInvokePolicy: template(
    ['FunctionName'],
    allow(
      ['lambda:InvokeFunction'],
      sub(`${REGIONAL('lambda')}function:\${functionName}*`, { functionName: 'FunctionName' }),
    ),
  ),
  SESCrudPolicy: template(
    ['IdentityName'],
    allow(
      ses(['GetIdentityVerificationAttributes', 'SendEmail', 'SendRawEmail', 'VerifyEmailIdentity']),
      SES_IDENTITY,
    ),
  ),
  SESSendBouncePolicy: template(['IdentityName'], allow(ses(['SendBounce']), SES_IDENTITY)),
  SESBulkTemplatedCrudPolicy: template(
    ['IdentityName'],
    allow(
      ses([
        'GetIdentityVerificationAttributes',
        'SendEmail',
        'SendRawEmail',
        'SendTemplatedEmail',
        'SendBulkTemplatedEmail',
        'VerifyEmailIdentity',
      ]),
      SES_IDENTITY,
    ),
  ),
  SESBulkTemplatedCrudPolicy_v2: template(
    ['IdentityName', 'TemplateName'],
    allow(ses(['SendEmail', 'SendRawEmail', 'SendTemplatedEmail', 'SendBulkTemplatedEmail']), [
      SES_IDENTITY,
      sub(`${REGIONAL('ses')}template/\${templateName}`, { templateName: 'TemplateName' }),
    ]),
    allow(ses(['GetIdentityVerificationAttributes', 'VerifyEmailIdentity']), '*'),
  ),
  SESEmailTemplateCrudPolicy: template(
    [],
    allow(
      ses([
        'CreateTemplate',
        'GetTemplate',
        'ListTemplates',
        'UpdateTemplate',
        'DeleteTemplate',
        'TestRenderTemplate',
      ]),
      '*',
    ),
  ),
  CloudWatchPutMetricPolicy: template([], allow(['cloudwatch:PutMetricData'], '*')),
  AWSSecretsManagerGetSecretValuePolicy: template(
    ['SecretArn'],
    allow(['secretsmanager:GetSecretValue'], sub(`\${secretArn}`, { secretArn: 'SecretArn' })),
  ),
  SQSPollerPolicy: template(
    ['QueueName'],
    allow(
      [
        'sqs:ChangeMessageVisibility',
        'sqs:ChangeMessageVisibilityBatch',
        'sqs:DeleteMessage',
        'sqs:DeleteMessageBatch',
        'sqs:GetQueueAttributes',
        'sqs:ReceiveMessage',
      ],
      QUEUE,
    ),
  ),
  SQSSendMessagePolicy: template(['QueueName'], allow(['sqs:SendMessage*'], QUEUE)),
  SNSPublishMessagePolicy: template(
    ['TopicName'],
    allow(['sns:Publish'], sub(`${REGIONAL('sns')}\${topicName}`, { topicName: 'TopicName' })),
  ),
  SNSCrudPolicy: template(
    ['TopicName'],
    allow(
      [
        'sns:ListSubscriptionsByTopic',
        'sns:CreateTopic',
        'sns:SetTopicAttributes',
        'sns:Subscribe',
        'sns:Publish',
      ],
      sub(`${REGIONAL('sns')}\${topicName}*`, { topicName: 'TopicName' }),
    ),
  ),
  SSMParameterReadPolicy: template(
    ['ParameterName'],
    allow(['ssm:DescribeParameters'], '*'),
    allow(
      ['ssm:GetParameters', 'ssm:GetParameter', 'ssm:GetParametersByPath'],
      sub(`${REGIONAL('ssm')}parameter/\${parameterName}`, { parameterName: 'ParameterName' }),
    ),
  ),
  KMSDecryptPolicy: template(
    ['KeyId'],
    allow('kms:Decrypt', sub(`${REGIONAL('kms')}key/\${keyId}`, { keyId: 'KeyId' })),
  ),
  EventBridgePutEventsPolicy: template(
    ['EventBusName'],
    allow(
      'events:PutEvents',
      sub(`${REGIONAL('events')}event-bus/\${eventBusName}`, { eventBusName: 'EventBusName' }),
    ),
  ),
  StepFunctionsExecutionPolicy: template(
    ['StateMachineName'],
    allow(
      ['states:StartExecution'],
      sub(`${REGIONAL('states')}stateMachine:\${stateMachineName}`, { stateMachineName: 'StateMachineName' }),
    ),
  ),
};

/** The other templates SAM knows: valid in a template, but their statements are not carried here. */
const OTHER_SAM_TEMPLATES = new Set([
  'AMIDescribePolicy',
  'AWSSecretsManagerRotationPolicy',
  'AcmGetCertificatePolicy',
  'AthenaQueryPolicy',
  'CloudFormationDescribeStacksPolicy',
  'CloudWatchDashboardPolicy',
  'CloudWatchDescribeAlarmHistoryPolicy',
  'CodeCommitCrudPolicy',
  'CodeCommitReadPolicy',
  'CodePipelineLambdaExecutionPolicy',
  'CodePipelineReadOnlyPolicy',
  'ComprehendBasicAccessPolicy',
  'CostExplorerReadOnlyPolicy',
  'DynamoDBBackupFullAccessPolicy',
  'DynamoDBRestoreFromBackupPolicy',
  'EC2CopyImagePolicy',
  'EC2DescribePolicy',
  'EFSWriteAccessPolicy',
  'EKSDescribePolicy',
  'EcsRunTaskPolicy',
  'ElasticMapReduceAddJobFlowStepsPolicy',
  'ElasticMapReduceCancelStepsPolicy',
  'ElasticMapReduceModifyInstanceFleetPolicy',
  'ElasticMapReduceModifyInstanceGroupsPolicy',
  'ElasticMapReduceSetTerminationProtectionPolicy',
  'ElasticMapReduceTerminateJobFlowsPolicy',
  'ElasticsearchHttpPostPolicy',
  'FilterLogEventsPolicy',
  'FirehoseCrudPolicy',
  'FirehoseWritePolicy',
  'KMSEncryptPolicy',
  'KMSEncryptPolicy_v2',
  'KinesisCrudPolicy',
  'KinesisStreamReadPolicy',
  'MobileAnalyticsWriteOnlyAccessPolicy',
  'OrganizationsListAccountsPolicy',
  'PinpointEndpointAccessPolicy',
  'PollyFullAccessPolicy',
  'RekognitionDetectOnlyPolicy',
  'RekognitionFacesManagementPolicy',
  'RekognitionFacesPolicy',
  'RekognitionLabelsPolicy',
  'RekognitionNoDataAccessPolicy',
  'RekognitionReadPolicy',
  'RekognitionWriteOnlyAccessPolicy',
  'Route53ChangeResourceRecordSetsPolicy',
  'SSMParameterWithSlashPrefixReadPolicy',
  'SageMakerCreateEndpointConfigPolicy',
  'SageMakerCreateEndpointPolicy',
  'ServerlessRepoReadWriteAccessPolicy',
  'StepFunctionsCallbackPolicy',
  'StepFunctionsExecutionPolicy_v2',
  'TextractDetectAnalyzePolicy',
  'TextractGetResultPolicy',
  'TextractPolicy',
  'VPCAccessPolicy',
]);

/** A template the local cloud expands; `known` when SAM knows the name but its statements are not here. */
export function policyTemplateNamed(name: string): PolicyTemplate | 'known' | undefined {
  return ownValue(TEMPLATES, name) ?? (OTHER_SAM_TEMPLATES.has(name) ? 'known' : undefined);
}

/**
 * The definition with every `Ref` to one of the template's parameters replaced by the value given,
 * as SAM's `Template.to_statement` does (other keys of `values` are ignored, as SAM ignores them).
 * The result still holds intrinsic functions for the evaluator.
 */
export function expandPolicyTemplate(policyTemplate: PolicyTemplate, values: TemplateObject): TemplateObject {
  const replace = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(replace);
    if (!isObject(value)) return value;
    const keys = Object.keys(value);
    if (keys.length === 1 && typeof value.Ref === 'string' && policyTemplate.parameters.includes(value.Ref)) {
      return values[value.Ref];
    }
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replace(item)]));
  };
  return replace(policyTemplate.definition) as TemplateObject;
}

/** The parameters a template needs that `values` does not give (SAM's "don't have values"). */
export function missingParameters(policyTemplate: PolicyTemplate, values: TemplateObject): string[] {
  return policyTemplate.parameters.filter((parameter) => !Object.hasOwn(values, parameter));
}
