import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomName } from './fs-util.js';
import { SortedKeys } from './key-order.js';
import { KeyedLock } from './keyed-lock.js';
import { readRecord } from './object-file.js';
import type { BucketRecord, ObjectRecord, PartRecord, UploadRecord } from './records.js';

/*
 * A bucket's folder, `<root>/buckets/<name>/`:
 *   bucket.json                   the BucketRecord, replaced atomically (temp file + rename)
 *   objects/<sha256 of the key>   each object, body then record (object-file.ts)
 *   uploads/<uploadId>/upload.json and /<partNumber>   multipart uploads and their parts, same format
 *   tmp/                          files being written; what is left there at open is a crash's litter
 * Keys may be 1024 bytes of any UTF-8 with `/` and `..`, so files are named by a hash of the key; the key
 * itself is in the record. Bucket names are S3's `[a-z0-9.-]` (checked before use), safe as folder names.
 */

/** An open multipart upload and its parts, as stored. */
export interface UploadState {
  record: UploadRecord;
  parts: Map<number, PartRecord>;
}

/** A bucket as the store holds it in memory: its record, and an index of its objects and uploads. */
export interface BucketState {
  record: BucketRecord;
  folder: BucketFolder;
  objects: Map<string, ObjectRecord>;
  /** The keys of `objects` in listing order. */
  keys: SortedKeys;
  uploads: Map<string, UploadState>;
  /** Serializes publishing per key (`o:<key>`) and changes per upload (`u:<uploadId>`). */
  locks: KeyedLock;
  /** Set once the bucket is deleted: writes still in flight must not publish into it. */
  deleted: boolean;
}

export function emptyBucketState(record: BucketRecord, folder: BucketFolder): BucketState {
  return {
    record,
    folder,
    objects: new Map(),
    keys: new SortedKeys(),
    uploads: new Map(),
    locks: new KeyedLock(),
    deleted: false,
  };
}

const RECORD_FILE = 'bucket.json';
const UPLOAD_FILE = 'upload.json';
/** Files read at once while indexing a bucket at open. */
const SCAN_CONCURRENCY = 32;

export class BucketFolder {
  constructor(readonly dir: string) {}

  get objectsDir(): string {
    return path.join(this.dir, 'objects');
  }

  get uploadsDir(): string {
    return path.join(this.dir, 'uploads');
  }

  get tmpDir(): string {
    return path.join(this.dir, 'tmp');
  }

  objectPath(key: string): string {
    return path.join(this.objectsDir, createHash('sha256').update(key).digest('hex'));
  }

  uploadDir(uploadId: string): string {
    return path.join(this.uploadsDir, uploadId);
  }

  partPath(uploadId: string, partNumber: number): string {
    return path.join(this.uploadsDir, uploadId, String(partNumber));
  }

  /** A fresh name in `tmp/`. */
  tempPath(): string {
    return path.join(this.tmpDir, randomName());
  }

  /** Makes the folders of a new bucket and its record, at `dir` (a temporary place, renamed afterwards). */
  async create(record: BucketRecord): Promise<void> {
    await mkdir(this.objectsDir, { recursive: true });
    await mkdir(this.uploadsDir);
    await mkdir(this.tmpDir);
    await writeFile(path.join(this.dir, RECORD_FILE), JSON.stringify(record));
  }

  /** Replaces the bucket's record atomically: a crash leaves the old one or the new one. */
  async writeRecord(record: BucketRecord): Promise<void> {
    const temp = this.tempPath();
    await writeFile(temp, JSON.stringify(record));
    await rename(temp, path.join(this.dir, RECORD_FILE));
  }

  /** Writes a new upload's folder in `tmp/` and renames it into `uploads/`, so it appears whole or not at all. */
  async createUpload(record: UploadRecord): Promise<void> {
    const temp = this.tempPath();
    await mkdir(temp);
    await writeFile(path.join(temp, UPLOAD_FILE), JSON.stringify(record));
    await rename(temp, this.uploadDir(record.uploadId));
  }
}

/** The name `<stateDir>/s3/buckets/` may hold: what S3 allows, and nothing a path could misread. */
export function isSafeBucketName(name: string): boolean {
  return /^[a-z0-9][a-z0-9._-]{1,254}$/.test(name) && !name.includes('..');
}

let uploadCounter = 0;

/**
 * A new upload ID: the time first (hex, fixed width), so IDs sort by initiation as ListMultipartUploads
 * orders the uploads of a key, then a counter and random bytes. Safe as a folder name.
 */
export function newUploadId(now: number): string {
  uploadCounter = (uploadCounter + 1) & 0xffff;
  return `${now.toString(16).padStart(12, '0')}${uploadCounter.toString(16).padStart(4, '0')}${randomBytes(16).toString('base64url')}`;
}

/** What loading a bucket's folder found that it could not use: files to look at by hand. */
export interface LoadReport {
  damaged: string[];
}

/**
 * Reads a bucket's folder at open: its record, the records of its objects and uploads. Leftovers of a
 * crash are removed: the temporary files, and an upload whose completion was published just before the
 * crash (its object names it). A file that does not end in a valid record was never published by
 * this store (a machine crash without fsync can leave one); it is skipped and reported.
 */
export async function loadBucket(dir: string, report: LoadReport): Promise<BucketState> {
  const folder = new BucketFolder(dir);
  const record = JSON.parse(await readFile(path.join(dir, RECORD_FILE), 'utf8')) as BucketRecord;
  await rm(folder.tmpDir, { recursive: true, force: true });
  await mkdir(folder.tmpDir);
  const state = emptyBucketState(record, folder);
  const objectFiles = await readdir(folder.objectsDir);
  await forEachLimited(objectFiles, async (name) => {
    const file = path.join(folder.objectsDir, name);
    const object = await readRecordOf<ObjectRecord>(file, report);
    if (object && folder.objectPath(object.key) === file) state.objects.set(object.key, object);
    else if (object) report.damaged.push(file);
  });
  state.keys.reset(state.objects.keys());
  for (const uploadId of await readdir(folder.uploadsDir)) {
    const upload = await loadUpload(folder, uploadId, report);
    if (!upload) continue;
    if (state.objects.get(upload.record.key)?.uploadId === uploadId) {
      await rm(folder.uploadDir(uploadId), { recursive: true, force: true });
    } else {
      state.uploads.set(uploadId, upload);
    }
  }
  return state;
}

async function loadUpload(
  folder: BucketFolder,
  uploadId: string,
  report: LoadReport,
): Promise<UploadState | undefined> {
  const dir = folder.uploadDir(uploadId);
  let record: UploadRecord;
  try {
    record = JSON.parse(await readFile(path.join(dir, UPLOAD_FILE), 'utf8')) as UploadRecord;
  } catch {
    report.damaged.push(dir);
    return undefined;
  }
  const parts = new Map<number, PartRecord>();
  const names = (await readdir(dir)).filter((name) => name !== UPLOAD_FILE);
  await forEachLimited(names, async (name) => {
    const part = await readRecordOf<PartRecord>(path.join(dir, name), report);
    if (part) parts.set(part.partNumber, part);
  });
  return { record, parts };
}

async function readRecordOf<T extends { size: number }>(
  file: string,
  report: LoadReport,
): Promise<T | undefined> {
  const handle = await open(file, 'r');
  try {
    return await readRecord<T>(handle);
  } catch {
    report.damaged.push(file);
    return undefined;
  } finally {
    await handle.close();
  }
}

async function forEachLimited<T>(items: readonly T[], task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(SCAN_CONCURRENCY, items.length) }, worker));
}
