// A page script bundled for the browser: it calls the Lambda API of the local cloud with the
// unmodified AWS SDK, from an origin other than the local cloud's, as the web app will.
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';

export interface BrowserInvokeResult {
  statusCode?: number;
  functionError?: string;
  payload?: unknown;
  logTail?: string;
  requestId?: string;
  errorName?: string;
  errorMessage?: string;
}

async function invoke(
  endpoint: string,
  functionName: string,
  event: unknown,
  tail = false,
): Promise<BrowserInvokeResult> {
  const client = new LambdaClient({
    endpoint,
    region: 'us-east-1',
    // The account's documented root credentials of the local cloud; the web app will use Cognito.
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  try {
    const response = await client.send(
      new InvokeCommand({
        FunctionName: functionName,
        Payload: new TextEncoder().encode(JSON.stringify(event)),
        LogType: tail ? 'Tail' : 'None',
      }),
    );
    const text = new TextDecoder().decode(response.Payload ?? new Uint8Array());
    return {
      statusCode: response.StatusCode,
      functionError: response.FunctionError,
      payload: text ? JSON.parse(text) : undefined,
      logTail: response.LogResult ? atob(response.LogResult) : undefined,
      requestId: response.$metadata.requestId,
    };
  } catch (error) {
    const { name, message } = error as Error;
    return { errorName: name, errorMessage: message };
  }
}

(window as unknown as { lambdagramInvoke: typeof invoke }).lambdagramInvoke = invoke;
document.body.dataset.ready = 'true';
