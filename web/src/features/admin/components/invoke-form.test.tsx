import type { InvokeCommand } from '@aws-sdk/client-lambda';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { InvokeSender } from '../api/invoke-function';
import { examplePayload } from '../utils/example-payloads';
import type { InvokeAnswer } from '../utils/invocation-outcome';
import { InvokeForm, type InvokeFormProps } from './invoke-form';

const encode = (text: string) => new TextEncoder().encode(text);
const base64 = (text: string) => btoa(String.fromCharCode(...encode(text)));
const TAIL = [
  'START RequestId: r-1 Version: $LATEST',
  'END RequestId: r-1',
  'REPORT RequestId: r-1\tDuration: 1.23 ms\tBilled Duration: 152 ms\tMemory Size: 128 MB\tMax Memory Used: 40 MB\tInit Duration: 150.00 ms\t',
  '',
].join('\n');

function fakeLambda(answer: (command: InvokeCommand) => Promise<InvokeAnswer>) {
  const send = vi.fn(answer);
  return { lambda: { send } satisfies InvokeSender, send };
}

function renderForm(props: Partial<InvokeFormProps> & Pick<InvokeFormProps, 'lambda'>) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  return render(
    <QueryClientProvider client={queryClient}>
      <InvokeForm
        functionName="add"
        example={examplePayload({ functionName: 'add' }, 'lambdagram')}
        {...props}
      />
    </QueryClientProvider>,
  );
}

const payloadBox = () => screen.getByRole('textbox', { name: 'Payload (JSON)' });
const invokeButton = () => screen.getByRole('button', { name: 'Invoke' });

describe('InvokeForm', () => {
  it('starts from the example payload, valid', () => {
    const { lambda } = fakeLambda(async () => ({ StatusCode: 200 }));
    renderForm({ lambda });
    expect(payloadBox()).toHaveProperty('value', '{\n  "value1": 1,\n  "value2": 2\n}');
    expect(payloadBox().getAttribute('aria-invalid')).toBe('false');
    expect(screen.getByText('Valid JSON.')).toBeTruthy();
    expect(invokeButton()).toHaveProperty('disabled', false);
  });

  it('validates as you type, says where the mistake is, and disables Invoke until it is fixed', async () => {
    const user = userEvent.setup();
    const { lambda, send } = fakeLambda(async () => ({ StatusCode: 200 }));
    renderForm({ lambda });

    await user.clear(payloadBox());
    await user.type(payloadBox(), '{{ "value1": 1, }');

    expect(payloadBox().getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText("Line 1, column 14: Remove the trailing ',' before '}'.")).toBeTruthy();
    expect(invokeButton()).toHaveProperty('disabled', true);
    await user.click(invokeButton());
    expect(send).not.toHaveBeenCalled();

    await user.clear(payloadBox());
    await user.type(payloadBox(), '{{ "value1": 1, "value2": 2 }');
    expect(payloadBox().getAttribute('aria-invalid')).toBe('false');
    expect(invokeButton()).toHaveProperty('disabled', false);
  });

  it('invokes synchronously with the log tail and shows the result, figures, cost and log', async () => {
    const user = userEvent.setup();
    const { lambda, send } = fakeLambda(async () => ({
      StatusCode: 200,
      Payload: encode('3'),
      LogResult: base64(TAIL),
      ExecutedVersion: '$LATEST',
      $metadata: { httpStatusCode: 200, requestId: 'r-1' },
    }));
    const onInvoked = vi.fn();
    renderForm({ lambda, onInvoked });

    await user.click(invokeButton());

    expect(await screen.findByText('Succeeded (HTTP 200)')).toBeTruthy();
    const [command] = send.mock.calls[0] ?? [];
    expect(command?.input).toMatchObject({
      FunctionName: 'add',
      InvocationType: 'RequestResponse',
      LogType: 'Tail',
    });
    expect(new TextDecoder().decode(command?.input.Payload as Uint8Array)).toBe(
      '{\n  "value1": 1,\n  "value2": 2\n}',
    );
    expect(screen.getByTestId('invocation-payload').textContent).toBe('3');
    expect(screen.getByText('152 ms')).toBeTruthy();
    expect(screen.getByText('40 MB of 128 MB')).toBeTruthy();
    expect(screen.getByText('150 ms (cold start)')).toBeTruthy();
    // 152 ms × 0.125 GB × $0.0000166667 + $0.0000002 = $0.000000517
    expect(screen.getByText('$0.000000517')).toBeTruthy();
    expect(screen.getByTestId('invocation-log-tail').textContent).toContain('REPORT RequestId: r-1');
    expect(onInvoked).toHaveBeenCalledWith(
      expect.objectContaining({
        functionName: 'add',
        invocationType: 'RequestResponse',
        summary: '200 · 3',
        ok: true,
      }),
      expect.objectContaining({ kind: 'result' }),
    );
  });

  it("shows a function's error type and message", async () => {
    const user = userEvent.setup();
    const { lambda } = fakeLambda(async () => ({
      StatusCode: 200,
      FunctionError: 'Unhandled',
      Payload: encode(
        JSON.stringify({ errorType: 'ValidationError', errorMessage: 'Not a valid photo id.', trace: [] }),
      ),
      $metadata: {},
    }));
    renderForm({ lambda });

    await user.click(invokeButton());

    expect(await screen.findByText('The function failed: unhandled error (HTTP 200)')).toBeTruthy();
    expect(screen.getByText('ValidationError')).toBeTruthy();
    expect(screen.getByText('Not a valid photo id.')).toBeTruthy();
  });

  it("shows the service's refusal with its code and message", async () => {
    const user = userEvent.setup();
    const { lambda } = fakeLambda(async () => {
      throw Object.assign(new Error('User: arn:aws:sts::123456789012:assumed-role/x is not authorized'), {
        name: 'AccessDeniedException',
        $metadata: { httpStatusCode: 403 },
      });
    });
    renderForm({ lambda });

    await user.click(invokeButton());

    expect(await screen.findByText('Lambda refused the call (HTTP 403)')).toBeTruthy();
    expect(screen.getByText('AccessDeniedException')).toBeTruthy();
    expect(screen.getByText(/is not authorized/)).toBeTruthy();
  });

  it('queues an asynchronous call without asking for a log tail', async () => {
    const user = userEvent.setup();
    const { lambda, send } = fakeLambda(async () => ({ StatusCode: 202, $metadata: {} }));
    renderForm({
      lambda,
      functionName: 'log',
      example: examplePayload({ functionName: 'log' }, 'lambdagram'),
    });

    await user.click(screen.getByRole('radio', { name: /Asynchronous \(Event\)/ }));
    await user.click(invokeButton());

    expect(await screen.findByText('Accepted for asynchronous invocation (HTTP 202)')).toBeTruthy();
    const [command] = send.mock.calls[0] ?? [];
    expect(command?.input.InvocationType).toBe('Event');
    expect(command?.input.LogType).toBeUndefined();
  });

  it('runs a re-run from the history once, with its payload and type', async () => {
    const { lambda, send } = fakeLambda(async () => ({ StatusCode: 204, $metadata: {} }));
    renderForm({
      lambda,
      initialDraft: { payload: '{"value1":5,"value2":6}', invocationType: 'DryRun' },
      runOnMount: true,
    });

    expect(await screen.findByText('Dry run: the call would be allowed (HTTP 204)')).toBeTruthy();
    await waitFor(() => expect(send).toHaveBeenCalledTimes(1));
    expect(send.mock.calls[0]?.[0].input.InvocationType).toBe('DryRun');
    expect(payloadBox()).toHaveProperty('value', '{"value1":5,"value2":6}');
  });
});
