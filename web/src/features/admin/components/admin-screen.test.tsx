import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetFunctionConfigurationCommand, InvokeCommand, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionClients } from '../../../lib/session';
import { fakeSession, TEST_CONFIG, withSession } from '../../../test/fake-session';
import { AdminScreen } from './admin-screen';

const ADD = {
  FunctionName: 'add',
  FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:add',
  Runtime: 'nodejs20.x',
  MemorySize: 128,
  Timeout: 3,
  Architectures: ['x86_64'],
  LastModified: '2026-03-14T09:26:53.589+0000',
  Description: 'Adds event.value1 and event.value2.',
} as const;

function fakeClients() {
  const lambda = {
    send: vi.fn(async (command: unknown) => {
      if (command instanceof ListFunctionsCommand) {
        return command.input.Marker
          ? { Functions: [{ ...ADD, FunctionName: 'log' }] }
          : { Functions: [ADD], NextMarker: 'page-2' };
      }
      if (command instanceof GetFunctionConfigurationCommand) {
        return { ...ADD, Handler: 'add.handler', Environment: { Variables: { STAGE: 'local' } } };
      }
      if (command instanceof InvokeCommand) {
        return {
          StatusCode: 200,
          Payload: new TextEncoder().encode('3'),
          $metadata: { httpStatusCode: 200 },
        };
      }
      throw new Error('unexpected command');
    }),
  };
  const logs = {
    send: vi.fn(async (command: unknown) => {
      if (!(command instanceof FilterLogEventsCommand)) throw new Error('unexpected command');
      return {
        events: [{ eventId: 'e1', timestamp: Date.now(), message: 'START RequestId: r1 Version: $LATEST\n' }],
      };
    }),
  };
  return { lambda, logs, s3: lambda } as unknown as SessionClients;
}

beforeEach(() => {
  window.history.replaceState(null, '', '/admin');
  window.sessionStorage.clear();
});

describe('AdminScreen', () => {
  it('tells someone who is not an admin that the panel is not available', () => {
    const session = fakeSession({ kind: 'user', user: { userId: 'u1', username: 'ada', role: 'user' } });
    render(withSession(session, <AdminScreen />));
    expect(screen.getByRole('heading', { name: 'Not available' })).toBeTruthy();
    expect(session.clients.lambda.send).not.toHaveBeenCalled();
  });

  it('lists every function, opens one, invokes it and keeps the call in the history', async () => {
    const user = userEvent.setup();
    const clients = fakeClients();
    const session = fakeSession({
      kind: 'user',
      user: { userId: 'admin-1', username: 'root', role: 'admin' },
      clients,
      config: TEST_CONFIG,
    });
    render(withSession(session, <AdminScreen />));

    const table = await screen.findByRole('table', { name: 'Functions of the stack' });
    expect(within(table).getByRole('button', { name: 'add' })).toBeTruthy();
    expect(within(table).getByRole('button', { name: 'log' })).toBeTruthy();
    expect(within(table).getAllByText('nodejs20.x')).toHaveLength(2);

    await user.click(within(table).getByRole('button', { name: 'add' }));

    expect(window.location.search).toBe('?function=add');
    expect(await screen.findByRole('heading', { level: 2, name: 'add' })).toBeTruthy();
    expect(await screen.findByText('add.handler')).toBeTruthy();
    expect(await screen.findByText(/START RequestId: r1/)).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Invoke' }));

    expect((await screen.findByTestId('invocation-payload')).textContent).toBe('3');
    const history = screen.getByRole('region', { name: 'Invocations in this session' });
    expect(within(history).getByText('200 · 3')).toBeTruthy();
    expect(within(history).getByRole('button', { name: /Run add again/ })).toBeTruthy();
  });

  it('shows the local outbox, newest first, with links in the text', async () => {
    const fetch = vi.fn(async () =>
      Response.json({
        messages: [
          {
            messageId: 'm1',
            timestamp: '2026-01-01T00:00:00.000Z',
            from: 'noreply@lambdagram.example',
            to: ['ada@example.com'],
            subject: 'Verify your email',
            text: 'Open http://localhost/verify-email?token=abc to verify.',
          },
          {
            messageId: 'm2',
            timestamp: '2026-01-01T00:01:00.000Z',
            from: 'noreply@lambdagram.example',
            to: ['grace@example.com'],
            subject: 'Reset your password',
            text: 'Reset it.',
          },
        ],
      }),
    );
    vi.stubGlobal('fetch', fetch);
    const session = fakeSession({
      kind: 'user',
      user: { userId: 'admin-1', username: 'root', role: 'admin' },
      clients: fakeClients(),
      config: { ...TEST_CONFIG, outboxUrl: 'http://127.0.0.1:4566/_local/ses/outbox' },
    });
    render(withSession(session, <AdminScreen />));

    const outbox = screen.getByRole('region', { name: 'Mail outbox' });
    const subjects = await within(outbox).findAllByText(/Verify your email|Reset your password/);
    expect(subjects.map((subject) => subject.textContent)).toEqual([
      'Reset your password',
      'Verify your email',
    ]);
    expect(
      within(outbox).getByRole('link', { name: 'http://localhost/verify-email?token=abc' }),
    ).toBeTruthy();
    expect(fetch).toHaveBeenCalledWith('http://127.0.0.1:4566/_local/ses/outbox', expect.anything());
    vi.unstubAllGlobals();
  });
});
