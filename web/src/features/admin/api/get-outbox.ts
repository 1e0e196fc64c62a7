import { queryOptions, useQuery } from '@tanstack/react-query';
import { adminKeys } from './query-keys';

/** A message the local cloud's SES kept instead of delivering it (`GET /_local/ses/outbox`). */
export interface OutboxMessage {
  messageId: string;
  /** When SES accepted it, ISO 8601. */
  timestamp: string;
  from: string;
  to: string[];
  cc?: string[];
  subject?: string;
  text?: string;
  html?: string;
  /** A raw MIME message, when it was sent raw. */
  raw?: string;
  template?: { name?: string; data?: string; [key: string]: unknown };
}

export class OutboxError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'OutboxError';
  }
}

/** The outbox, newest first. */
export async function fetchOutbox(outboxUrl: string, signal?: AbortSignal): Promise<OutboxMessage[]> {
  const response = await fetch(outboxUrl, { cache: 'no-store', ...(signal ? { signal } : {}) });
  if (!response.ok)
    throw new OutboxError(`The outbox answered ${response.status} ${response.statusText}.`, response.status);
  const body = (await response.json()) as { messages?: OutboxMessage[] };
  return [...(body.messages ?? [])].reverse();
}

export function outboxQueryOptions(outboxUrl: string) {
  return queryOptions({
    queryKey: adminKeys.outbox,
    queryFn: ({ signal }) => fetchOutbox(outboxUrl, signal),
    staleTime: 0,
  });
}

export function useOutbox(outboxUrl: string) {
  return useQuery(outboxQueryOptions(outboxUrl));
}
