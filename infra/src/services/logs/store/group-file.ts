import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** What `group.json` keeps of a log group: its settings and its streams' statistics. */
export interface GroupRecord {
  logGroupName: string;
  creationTime: number;
  retentionInDays?: number;
  logGroupClass: string;
  streams: StreamRecord[];
}

export interface StreamRecord {
  logStreamName: string;
  /** The stream's file in the group's directory. */
  file: string;
  creationTime: number;
  firstEventTimestamp?: number;
  lastEventTimestamp?: number;
  lastIngestionTime?: number;
  storedBytes: number;
  uploadSequenceToken: string;
  /** The highest event sequence number given out, so that a restart continues above it. */
  lastSeq: number;
}

const GROUP_FILE = 'group.json';

/** The record of the group in `dir`, or undefined when there is none or it cannot be read. */
export function readGroupFile(dir: string): GroupRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(path.join(dir, GROUP_FILE), 'utf8')) as GroupRecord;
    const valid =
      typeof record.logGroupName === 'string' &&
      typeof record.creationTime === 'number' &&
      Array.isArray(record.streams) &&
      record.streams.every(
        (stream) => typeof stream.logStreamName === 'string' && typeof stream.file === 'string',
      );
    return valid ? record : undefined;
  } catch {
    return undefined;
  }
}

/** Replaces the record atomically, so that a crash leaves the old one or the new one, never half. */
export function writeGroupFile(dir: string, record: GroupRecord): void {
  const target = path.join(dir, GROUP_FILE);
  const temporary = `${target}.tmp`;
  writeFileSync(temporary, JSON.stringify(record));
  renameSync(temporary, target);
}
