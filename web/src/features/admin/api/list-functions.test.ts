import type { ListFunctionsCommand, ListFunctionsCommandOutput } from '@aws-sdk/client-lambda';
import { describe, expect, it, vi } from 'vitest';
import { listFunctions } from './list-functions';

describe('listFunctions', () => {
  it('follows NextMarker through every page and sorts by name', async () => {
    const pages: Partial<ListFunctionsCommandOutput>[] = [
      { Functions: [{ FunctionName: 'log' }, { FunctionName: 'add' }], NextMarker: 'm1' },
      { Functions: [{ FunctionName: 'lambdagram-getFeed' }] },
    ];
    const send = vi.fn(async (_command: ListFunctionsCommand) => ({ $metadata: {}, ...pages.shift() }));

    const functions = await listFunctions({ send });

    expect(functions.map((fn) => fn.FunctionName)).toEqual(['add', 'lambdagram-getFeed', 'log']);
    expect(send.mock.calls[0]?.[0].input.Marker).toBeUndefined();
    expect(send.mock.calls[1]?.[0].input.Marker).toBe('m1');
  });
});
