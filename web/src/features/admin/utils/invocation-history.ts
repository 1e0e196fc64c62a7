/**
 * This session's invocations from the debug panel, newest first, kept in `sessionStorage` so that a
 * reload keeps them and closing the tab forgets them. Payloads are kept as typed, to re-run.
 */
export type InvocationType = 'RequestResponse' | 'Event' | 'DryRun';

export interface HistoryEntry {
  id: string;
  functionName: string;
  invocationType: InvocationType;
  payload: string;
  /** ISO 8601. */
  invokedAt: string;
  /** A few words: `200 · 3`, `Function error: ValidationError`, `202 accepted`, … */
  summary: string;
  ok: boolean;
}

export const HISTORY_KEY = 'lambdagram.admin.invocations';
export const MAX_HISTORY = 50;

/** Each admin their own history: two people may take turns in one tab. */
export function historyKeyFor(userId: string | undefined): string {
  return userId ? `${HISTORY_KEY}.${userId}` : HISTORY_KEY;
}

export function readHistory(
  storage: Pick<Storage, 'getItem'> | undefined,
  key: string = HISTORY_KEY,
): HistoryEntry[] {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(key) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isEntry) : [];
  } catch {
    return []; // a damaged entry in storage is no reason to break the panel
  }
}

export function writeHistory(
  storage: Pick<Storage, 'setItem'> | undefined,
  entries: readonly HistoryEntry[],
  key: string = HISTORY_KEY,
): void {
  try {
    storage?.setItem(key, JSON.stringify(entries));
  } catch {
    // Storage full or disabled (private mode): the history lives in memory only.
  }
}

/** Puts `entry` first, keeping at most `max` entries. */
export function addToHistory(
  entries: readonly HistoryEntry[],
  entry: HistoryEntry,
  max: number = MAX_HISTORY,
): HistoryEntry[] {
  return [entry, ...entries.filter((existing) => existing.id !== entry.id)].slice(0, max);
}

function isEntry(value: unknown): value is HistoryEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.id === 'string' &&
    typeof entry.functionName === 'string' &&
    (entry.invocationType === 'RequestResponse' ||
      entry.invocationType === 'Event' ||
      entry.invocationType === 'DryRun') &&
    typeof entry.payload === 'string' &&
    typeof entry.invokedAt === 'string' &&
    typeof entry.summary === 'string' &&
    typeof entry.ok === 'boolean'
  );
}
