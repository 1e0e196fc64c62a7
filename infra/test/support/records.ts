import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** A record a fixture function wrote: one JSON line per invocation (see the fixtures' `record` handlers). */
// biome-ignore lint/suspicious/noExplicitAny: records are free-form JSON read back for assertions
export type RecordLine = Record<string, any>;

/** Reads the JSON lines a fixture function appended to `<dir>/<file>`; none yet is an empty list. */
export function readRecords(dir: string, file: string): RecordLine[] {
  const full = path.join(dir, file);
  if (!existsSync(full)) return [];
  return readFileSync(full, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as RecordLine);
}
