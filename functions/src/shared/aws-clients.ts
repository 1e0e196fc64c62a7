import { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

// One client of each kind per execution environment, created lazily: connections are kept alive
// between invocations, and a function pays only for the clients it uses. Region, credentials and
// (on the local cloud) the endpoint come from the environment Lambda sets up.

let documents: DynamoDBDocumentClient | undefined;
let s3Client: S3Client | undefined;
let cognitoClient: CognitoIdentityClient | undefined;
let sesClient: SESv2Client | undefined;

export function dynamo(): DynamoDBDocumentClient {
  documents ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return documents;
}

export function s3(): S3Client {
  s3Client ??= new S3Client({});
  return s3Client;
}

export function cognito(): CognitoIdentityClient {
  cognitoClient ??= new CognitoIdentityClient({});
  return cognitoClient;
}

export function ses(): SESv2Client {
  sesClient ??= new SESv2Client({});
  return sesClient;
}
