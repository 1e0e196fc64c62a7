import { describe, expect, it } from 'vitest';
import { readBatchResponse } from '../../../../../src/services/lambda/event-source-mappings/batch-response.js';

const SEQUENCE = ['000000000000000000001', '000000000000000000002', '000000000000000000003'];

function read(response: unknown) {
  const payload = response === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(response));
  return readBatchResponse(payload, SEQUENCE);
}

describe('a ReportBatchItemFailures response', () => {
  it.each([
    ['no response', undefined],
    ['null', null],
    ['an empty object', {}],
    ['an empty list', { batchItemFailures: [] }],
    ['a null list', { batchItemFailures: null }],
    ['a plain string', 'done'],
  ])('reports success for %s', (_case, response) => {
    expect(read(response)).toEqual({ kind: 'success' });
  });

  it.each([
    ['an empty identifier', { batchItemFailures: [{ itemIdentifier: '' }] }],
    ['a null identifier', { batchItemFailures: [{ itemIdentifier: null }] }],
    ['a misspelt key', { batchItemFailures: [{ itemIdentifer: SEQUENCE[1] }] }],
    ['an identifier not in the batch', { batchItemFailures: [{ itemIdentifier: '000000000000000000009' }] }],
    ['a list that is not a list', { batchItemFailures: 'all' }],
  ])('fails the whole batch for %s', (_case, response) => {
    expect(read(response)).toEqual({ kind: 'failure' });
  });

  it('resumes at the earliest failed record of the batch', () => {
    const response = {
      batchItemFailures: [{ itemIdentifier: SEQUENCE[2] }, { itemIdentifier: SEQUENCE[1] }],
    };

    expect(read(response)).toEqual({ kind: 'partial', index: 1 });
  });
});
