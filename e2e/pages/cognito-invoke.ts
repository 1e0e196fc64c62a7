// A page script bundled for the browser: it gets a guest's identity-pool credentials with the
// SDK's Cognito credential provider and invokes functions with them, as the web app will.
// (The provider's own package: `@aws-sdk/credential-providers` maps its browser entry without file
// extensions, which esbuild does not follow; Vite does.)
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { fromCognitoIdentityPool } from '@aws-sdk/credential-provider-cognito-identity';

export interface GuestInvokeResult {
  payload?: unknown;
  errorName?: string;
  errorMessage?: string;
}

async function invokeAsGuest(
  endpoint: string,
  identityPoolId: string,
  functionName: string,
): Promise<GuestInvokeResult> {
  const clientConfig = { endpoint, region: 'us-east-1' };
  const client = new LambdaClient({
    ...clientConfig,
    maxAttempts: 1,
    credentials: fromCognitoIdentityPool({ identityPoolId, clientConfig }),
  });
  try {
    const response = await client.send(new InvokeCommand({ FunctionName: functionName }));
    return { payload: JSON.parse(new TextDecoder().decode(response.Payload)) };
  } catch (error) {
    const { name, message } = error as Error;
    return { errorName: name, errorMessage: message };
  }
}

Object.assign(window, { lambdagramCognito: { invokeAsGuest } });
document.body.dataset.ready = 'true';
