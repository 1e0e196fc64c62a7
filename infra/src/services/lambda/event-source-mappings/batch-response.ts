/**
 * What a function's successful response says about its batch when the mapping has
 * `FunctionResponseTypes: [ReportBatchItemFailures]`, read as Lambda documents it:
 * - success: no response, `null`, `{}`, or a `batchItemFailures` list that is empty or null;
 * - complete failure: an item whose `itemIdentifier` is missing (a misspelt key), null or empty;
 * - otherwise the failed items, of which the one earliest in the batch is where processing resumes.
 *
 * Two cases the documentation leaves open are read conservatively, as complete failures, so that no
 * record is skipped on a misunderstanding: an identifier that is not a sequence number of the batch,
 * and a `batchItemFailures` that is not a list. A response that is not a JSON object at all (a string,
 * a number) reports nothing, so it counts as success, like an empty response.
 */
export type BatchResponse =
  | { kind: 'success' }
  | { kind: 'failure' }
  /** `index`: position in the batch of the earliest failed record. */
  | { kind: 'partial'; index: number };

export function readBatchResponse(payload: Buffer, sequenceNumbers: readonly string[]): BatchResponse {
  let response: unknown;
  try {
    response = payload.length === 0 ? null : JSON.parse(payload.toString('utf8'));
  } catch {
    return { kind: 'success' };
  }
  if (typeof response !== 'object' || response === null || Array.isArray(response))
    return { kind: 'success' };
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return { kind: 'success' };
  if (!Array.isArray(failures)) return { kind: 'failure' };
  if (failures.length === 0) return { kind: 'success' };
  let earliest = Number.POSITIVE_INFINITY;
  for (const failure of failures) {
    const identifier = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof identifier !== 'string' || identifier === '') return { kind: 'failure' };
    const index = sequenceNumbers.indexOf(identifier);
    if (index < 0) return { kind: 'failure' };
    earliest = Math.min(earliest, index);
  }
  return { kind: 'partial', index: earliest };
}
