// A page script bundled for the browser: it gets a guest's identity-pool credentials with the
// SDK's Cognito credential provider and invokes functions with them, as the web app will.
// (The provider's own package: `@aws-sdk/credential-providers` maps its browser entry without file
// extensions, which esbuild does not follow; Vite does.)
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { fromCognitoIdentityPool } from '@aws-sdk/credential-provider-cognito-identity';

export interface PoolInvokeResult {
  payload?: unknown;
  errorName?: string;
  errorMessage?: string;
}

/** Invokes a function with the pool's credentials: a guest's, or a signed-in user's when a login token is given. */
async function invokeWithPool(
  endpoint: string,
  identityPoolId: string,
  functionName: string,
  token?: string,
): Promise<PoolInvokeResult> {
  const clientConfig = { endpoint, region: 'us-east-1' };
  const logins = token ? { 'cognito-identity.amazonaws.com': token } : undefined;
  const client = new LambdaClient({
    ...clientConfig,
    maxAttempts: 1,
    credentials: fromCognitoIdentityPool({ identityPoolId, logins, clientConfig }),
  });
  try {
    const response = await client.send(new InvokeCommand({ FunctionName: functionName }));
    return { payload: JSON.parse(new TextDecoder().decode(response.Payload)) };
  } catch (error) {
    const { name, message } = error as Error;
    return { errorName: name, errorMessage: message };
  }
}

Object.assign(window, { lambdagramCognito: { invokeWithPool } });
document.body.dataset.ready = 'true';
