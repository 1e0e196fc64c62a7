// Over 400 lines on purpose: the object store is one class whose operations share the per-key locks and the
// crash-safe write protocol (temp file, fsync, rename); records, listing and multipart live beside it.
import { constants } from 'node:fs';
import { copyFile, type FileHandle, mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import {
  bucketAlreadyOwnedByYou,
  bucketNotEmpty,
  invalidArgument,
  invalidBucketName,
  invalidRange,
  noSuchBucket,
  noSuchKey,
  noSuchUpload,
} from '../errors.js';
import {
  BucketFolder,
  type BucketState,
  emptyBucketState,
  isSafeBucketName,
  type LoadReport,
  loadBucket,
  newUploadId,
  type UploadState,
} from './bucket-folder.js';
import { isNotFound, randomName, syncFolder } from './fs-util.js';
import { identity } from './key-order.js';
import { KeyedLock } from './keyed-lock.js';
import {
  afterContinuationToken,
  continuationTokenAfter,
  type ListQuery,
  type ListResult,
  listPage,
} from './list-page.js';
import {
  type CompletedPart,
  type CompleteOptions,
  combinedChecksum,
  completedRecord,
  multipartEtag,
  type PartCommit,
  type PartsPage,
  type PartsQuery,
  partRange,
  partsPage,
  partsToComplete,
  type UploadsPage,
  type UploadsQuery,
  uploadsPage,
} from './multipart.js';
import { md5OfBody, readRecord, trailerOf } from './object-file.js';
import {
  type BucketRecord,
  type ByteRange,
  compact,
  type ObjectAddress,
  type ObjectMetadata,
  type ObjectRecord,
  type OpenedObject,
  type PartRecord,
  type PutMetadata,
  storedMetadata,
  type UploadMetadata,
  type UploadRecord,
} from './records.js';
import { type PendingWrite, pendingWrite, TempFile } from './temp-file.js';

export interface ObjectStoreOptions {
  /**
   * fsync each object (and its folder) before it is published. Off by default: a rename is atomic
   * against a crash of the process, and what was written is in the page cache, which outlives the
   * process, so no published object can be half written. Only a crash of the machine itself could
   * lose recent objects without it; the local cloud does not promise to survive that. Measured with
   * test/unit/s3-store/measure-speed.ts on the 2-core dev VM: free for a 64 MiB object, ~0.45 ms more per
   * 1 MiB object (+35%); on laptop SSDs an fsync costs more, hence off.
   */
  syncWrites?: boolean;
}

export type { ListQuery, ListResult } from './list-page.js';
export type {
  CompletedPart,
  CompleteOptions,
  PartCommit,
  PartsPage,
  PartsQuery,
  UploadListing,
  UploadsPage,
  UploadsQuery,
} from './multipart.js';
export type {
  BucketRecord,
  ByteRange,
  ObjectAddress,
  ObjectChecksum,
  ObjectMetadata,
  ObjectRecord,
  OpenedObject,
  PartChecksum,
  PartRecord,
  PutMetadata,
  UploadMetadata,
  UploadRecord,
} from './records.js';
export type { PendingWrite } from './temp-file.js';
export { partRange };

export type PutWrite = PendingWrite<PutMetadata, ObjectRecord>;
export type PartWrite = PendingWrite<PartCommit, PartRecord>;

const MAX_KEYS = 1000;
/** Read pieces of a GET: larger than the stream default (64 KB) to cut per-piece overhead on big objects. */
const READ_PIECE_BYTES = 512 * 1024;

/**
 * The local cloud's S3 data, on disk under `<stateDir>/s3/` (layout in bucket-folder.ts): buckets, their
 * objects, multipart uploads. Crash-safe: every object is written to a temporary file and published
 * by one rename once its caller verified it, so a crash or a killed upload never leaves a half object
 * visible, and data and metadata change together. An in-memory index (rebuilt at `open` from the files'
 * records) answers HEAD and listings without touching the disk.
 *
 * @example
 * const store = new ObjectStore(stateDir);
 * await store.open();
 * await store.createBucket('photos', { region: 'eu-west-1' });
 * const pending = await store.beginPut('photos', 'cats/tom.jpg');
 * await pending.write(bytes);
 * await pending.commit({ etag: `"${md5Hex}"`, contentType: 'image/jpeg' });
 * const { stream } = await store.openRead('photos', 'cats/tom.jpg', { start: 0, end: 99 });
 */
export class ObjectStore<Configuration extends object = Record<string, unknown>> {
  private readonly root: string;
  private readonly buckets = new Map<string, BucketState>();
  /** Serializes the changes of one bucket's existence and record. */
  private readonly bucketLocks = new KeyedLock();
  private readonly removals = new Set<Promise<void>>();
  private readonly syncWrites: boolean;

  constructor(stateDir: string, options: ObjectStoreOptions = {}) {
    this.root = path.join(stateDir, 's3');
    this.syncWrites = options.syncWrites ?? false;
  }

  private get bucketsDir(): string {
    return path.join(this.root, 'buckets');
  }

  /** Where deleted buckets go before their files are removed; emptied at open. */
  private get trashDir(): string {
    return path.join(this.root, 'tmp');
  }

  /**
   * Loads what an earlier run stored and removes a crash's leftovers. Returns what it found unusable
   * (also shown as a process warning): files to look at by hand, never removed.
   */
  async open(): Promise<LoadReport> {
    await rm(this.trashDir, { recursive: true, force: true });
    await mkdir(this.trashDir, { recursive: true });
    await mkdir(this.bucketsDir, { recursive: true });
    const report: LoadReport = { damaged: [] };
    for (const name of await readdir(this.bucketsDir)) {
      const dir = path.join(this.bucketsDir, name);
      try {
        const state = await loadBucket(dir, report);
        if (state.record.name !== name) throw new Error('bucket record names another bucket');
        this.buckets.set(name, state);
      } catch {
        report.damaged.push(dir);
      }
    }
    if (report.damaged.length > 0) {
      process.emitWarning(
        `S3 store: skipped ${report.damaged.length} damaged file(s): ${report.damaged.join(', ')}`,
      );
    }
    return report;
  }

  /** Waits for background removals. Uploads still being written are their callers' to commit or abort. */
  async close(): Promise<void> {
    while (this.removals.size > 0) await Promise.all(this.removals);
  }

  // Buckets

  bucket(name: string): Readonly<BucketRecord<Configuration>> | undefined {
    return this.buckets.get(name)?.record as BucketRecord<Configuration> | undefined;
  }

  /** The bucket's record, or NoSuchBucket. */
  requireBucket(name: string): Readonly<BucketRecord<Configuration>> {
    return this.state(name).record as BucketRecord<Configuration>;
  }

  listBuckets(): Array<Readonly<BucketRecord<Configuration>>> {
    return [...this.buckets.values()]
      .map((state) => state.record as BucketRecord<Configuration>)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async createBucket(
    name: string,
    options: { region: string; configuration?: Partial<Configuration> },
  ): Promise<BucketRecord<Configuration>> {
    if (!isSafeBucketName(name)) throw invalidBucketName(name);
    return this.bucketLocks.run(name, async () => {
      if (this.buckets.has(name)) throw bucketAlreadyOwnedByYou(name);
      const record: BucketRecord<Configuration> = {
        name,
        createdAt: Date.now(),
        region: options.region,
        configuration: options.configuration ?? {},
      };
      // Built aside and renamed into place: a crash leaves the whole bucket or none of it.
      const building = path.join(this.trashDir, randomName());
      await new BucketFolder(building).create(record);
      const dir = path.join(this.bucketsDir, name);
      await rename(building, dir);
      this.buckets.set(name, emptyBucketState(record, new BucketFolder(dir)));
      return record;
    });
  }

  /** BucketNotEmpty while objects or multipart uploads remain. Uploads still being written fail afterwards. */
  async deleteBucket(name: string): Promise<void> {
    await this.bucketLocks.run(name, async () => {
      const state = this.state(name);
      if (state.objects.size > 0 || state.uploads.size > 0) throw bucketNotEmpty(name);
      // Marked first, so a write whose rename races the folder's sees it and reports NoSuchBucket.
      state.deleted = true;
      this.buckets.delete(name);
      try {
        await this.moveAway(state.folder.dir, path.join(this.trashDir, randomName()));
      } catch (error) {
        state.deleted = false;
        this.buckets.set(name, state);
        throw error;
      }
    });
  }

  /** Merges `patch` into the bucket's configuration (a key set to undefined is removed), atomically on disk. */
  async updateBucketConfiguration(
    name: string,
    patch: Partial<Configuration>,
  ): Promise<BucketRecord<Configuration>> {
    return this.bucketLocks.run(name, async () => {
      const state = this.state(name);
      const configuration = compact({ ...state.record.configuration, ...patch }) as Partial<Configuration>;
      const record: BucketRecord<Configuration> = {
        ...(state.record as BucketRecord<Configuration>),
        configuration,
      };
      await state.folder.writeRecord(record);
      state.record = record;
      return record;
    });
  }

  // Objects

  head(bucket: string, key: string): ObjectRecord | undefined {
    return this.buckets.get(bucket)?.objects.get(key);
  }

  /** Starts a PutObject; the object appears when the returned write is committed. */
  async beginPut(bucket: string, key: string): Promise<PutWrite> {
    const state = this.state(bucket);
    const file = await this.createTemp(state);
    return pendingWrite(file, async (written, metadata: PutMetadata) => {
      const record = compact<ObjectRecord>({
        ...storedMetadata(metadata),
        key,
        size: written.bytesWritten,
        etag: metadata.etag,
        lastModified: Date.now(),
        checksum: metadata.checksum && compact({ ...metadata.checksum }),
      });
      await written.finish(trailerOf(record));
      return this.publish(state, record, written.path);
    });
  }

  /**
   * Opens the object's file and reads its record from it: the stream serves exactly that version,
   * whatever is published meanwhile. `range` (from a HEAD of maybe another version) is cut to this
   * version's size; InvalidRange if nothing of it is left.
   */
  async openRead(bucket: string, key: string, range?: ByteRange): Promise<OpenedObject> {
    const state = this.state(bucket);
    let handle: FileHandle;
    try {
      handle = await open(state.folder.objectPath(key), 'r');
    } catch (error) {
      if (isNotFound(error)) throw state.deleted ? noSuchBucket(bucket) : noSuchKey(key);
      throw error;
    }
    try {
      const record = await readRecord<ObjectRecord>(handle);
      const start = range?.start ?? 0;
      const end = Math.min(range?.end ?? record.size - 1, record.size - 1);
      if (range && start > end) throw invalidRange(record.size, `bytes=${range.start}-${range.end}`);
      if (end < start) {
        await handle.close();
        return { record, stream: Readable.from([], { objectMode: false }), start, end };
      }
      return {
        record,
        stream: handle.createReadStream({ start, end, highWaterMark: READ_PIECE_BYTES }),
        start,
        end,
      };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** Whether the key existed. */
  async delete(bucket: string, key: string): Promise<boolean> {
    const state = this.state(bucket);
    return state.locks.run(`o:${key}`, async () => {
      if (!state.objects.has(key)) return false;
      await rm(state.folder.objectPath(key), { force: true });
      state.objects.delete(key);
      state.keys.remove(key);
      return true;
    });
  }

  /** Deletes several keys; returns those that existed. */
  async deleteMany(bucket: string, keys: readonly string[]): Promise<string[]> {
    const existed = await Promise.all(keys.map((key) => this.delete(bucket, key)));
    return keys.filter((_, index) => existed[index]);
  }

  /**
   * CopyObject: the body, and the source's metadata or `replaceMetadata` (REPLACE). The file is copied
   * by the kernel (`copyFile`, a reflink where the file system has them), then its record is replaced.
   * A copy is a new single-part object: from a multipart source S3 gives it the plain MD5 as ETag (so
   * the store reads the copy once to compute it) and no COMPOSITE checksum.
   */
  async copy(
    source: ObjectAddress,
    target: ObjectAddress,
    replaceMetadata?: ObjectMetadata,
  ): Promise<ObjectRecord> {
    const sourceState = this.state(source.bucket);
    const targetState = this.state(target.bucket);
    const temp = targetState.folder.tempPath();
    try {
      try {
        await copyFile(sourceState.folder.objectPath(source.key), temp, constants.COPYFILE_FICLONE);
      } catch (error) {
        if (!isNotFound(error)) throw error;
        if (targetState.deleted) throw noSuchBucket(target.bucket);
        throw sourceState.deleted ? noSuchBucket(source.bucket) : noSuchKey(source.key);
      }
      const handle = await open(temp, 'r+');
      let record: ObjectRecord;
      try {
        // The copy's own record says which version was copied, even if the source changed meanwhile.
        const copied = await readRecord<ObjectRecord>(handle);
        const etag =
          copied.partsCount === undefined ? copied.etag : `"${await md5OfBody(handle, copied.size)}"`;
        record = compact<ObjectRecord>({
          ...storedMetadata(replaceMetadata ?? copied),
          key: target.key,
          size: copied.size,
          etag,
          lastModified: Date.now(),
          checksum: copied.checksum?.type === 'FULL_OBJECT' ? copied.checksum : undefined,
        });
        await handle.truncate(copied.size);
        const trailer = trailerOf(record);
        await handle.write(trailer, 0, trailer.length, copied.size);
        if (this.syncWrites) await handle.datasync();
      } finally {
        await handle.close();
      }
      return await this.publish(targetState, record, temp);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  /** ListObjectsV2 (and V1 with `marker` as `startAfter`): keys in UTF-8 byte order. */
  list(bucket: string, query: ListQuery = {}): ListResult {
    const state = this.state(bucket);
    const after =
      query.continuationToken !== undefined
        ? afterContinuationToken(query.continuationToken)
        : query.startAfter;
    const page = listPage(state.keys.all, identity, {
      prefix: query.prefix,
      delimiter: query.delimiter,
      after,
      maxItems: Math.max(0, Math.min(query.maxKeys ?? MAX_KEYS, MAX_KEYS)),
    });
    const contents = page.items.map((key) => state.objects.get(key) as ObjectRecord);
    return {
      contents,
      commonPrefixes: page.commonPrefixes,
      isTruncated: page.isTruncated,
      nextContinuationToken:
        page.isTruncated && page.last !== undefined ? continuationTokenAfter(page.last) : undefined,
      keyCount: contents.length + page.commonPrefixes.length,
    };
  }

  // Multipart uploads

  /** Returns the new upload's ID; the upload (and its parts) survive a restart. */
  async createMultipartUpload(bucket: string, key: string, metadata: UploadMetadata = {}): Promise<string> {
    const state = this.state(bucket);
    const initiated = Date.now();
    const record: UploadRecord = {
      uploadId: newUploadId(initiated),
      key,
      initiated,
      metadata: compact({
        ...storedMetadata(metadata),
        checksumAlgorithm: metadata.checksumAlgorithm?.toUpperCase(),
        checksumType: metadata.checksumType?.toUpperCase(),
      }),
    };
    try {
      await state.folder.createUpload(record);
    } catch (error) {
      throw state.deleted ? noSuchBucket(bucket) : error;
    }
    if (state.deleted) throw noSuchBucket(bucket);
    state.uploads.set(record.uploadId, { record, parts: new Map() });
    return record.uploadId;
  }

  /** Starts an UploadPart; committing replaces an earlier upload of the same part number atomically. */
  async beginPart(bucket: string, key: string, uploadId: string, partNumber: number): Promise<PartWrite> {
    if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10_000) {
      throw invalidArgument(
        'Part number must be an integer between 1 and 10000, inclusive',
        'partNumber',
        String(partNumber),
      );
    }
    const state = this.state(bucket);
    this.upload(state, key, uploadId);
    const file = await this.createTemp(state);
    return pendingWrite(file, async (written, commit: PartCommit) => {
      const part = compact<PartRecord>({
        partNumber,
        size: written.bytesWritten,
        etag: `"${commit.md5Hex.toLowerCase()}"`,
        lastModified: Date.now(),
        checksum: commit.checksum && {
          algorithm: commit.checksum.algorithm.toUpperCase(),
          value: commit.checksum.value,
        },
      });
      await written.finish(trailerOf(part));
      return state.locks.run(`u:${uploadId}`, async () => {
        // Aborted or completed while the part was written: S3 answers NoSuchUpload too.
        const upload = this.upload(state, key, uploadId);
        await rename(written.path, state.folder.partPath(uploadId, partNumber));
        upload.parts.set(partNumber, part);
        return part;
      });
    });
  }

  listParts(bucket: string, key: string, uploadId: string, query: PartsQuery = {}): PartsPage {
    return partsPage(this.upload(this.state(bucket), key, uploadId), query);
  }

  listMultipartUploads(bucket: string, query: UploadsQuery = {}): UploadsPage {
    return uploadsPage(this.state(bucket).uploads.values(), query);
  }

  async abortMultipartUpload(bucket: string, key: string, uploadId: string): Promise<void> {
    const state = this.state(bucket);
    await state.locks.run(`u:${uploadId}`, async () => {
      await this.removeUpload(state, this.upload(state, key, uploadId));
    });
  }

  /**
   * CompleteMultipartUpload: checks the part list (InvalidPartOrder, InvalidPart, EntityTooSmall),
   * concatenates the parts into one temporary file and publishes it by a rename, then removes the
   * upload. A crash before the rename leaves the upload to complete again; after it, the new object
   * (and the upload is cleared at the next open). A retry of a completion that succeeded — a client
   * that lost the answer — gets the same object back, as from S3; otherwise NoSuchUpload.
   */
  async completeMultipartUpload(
    bucket: string,
    key: string,
    uploadId: string,
    parts: readonly CompletedPart[],
    options: CompleteOptions = {},
  ): Promise<ObjectRecord> {
    const state = this.state(bucket);
    return state.locks.run(`u:${uploadId}`, async () => {
      const upload = state.uploads.get(uploadId);
      if (!upload || upload.record.key !== key) return this.completedBefore(state, key, uploadId, parts);
      const selected = partsToComplete(upload, parts);
      const record = completedRecord(
        upload.record,
        selected,
        await combinedChecksum(upload.record.metadata, selected, options),
      );
      const file = await this.createTemp(state);
      try {
        for (const part of selected) {
          const handle = await open(state.folder.partPath(uploadId, part.partNumber), 'r');
          try {
            await file.appendFrom(handle, part.size);
          } finally {
            await handle.close();
          }
        }
        await file.finish(trailerOf(record));
        await this.publish(state, record, file.path);
      } catch (error) {
        await file.discard();
        throw error;
      }
      await this.removeUpload(state, upload);
      return record;
    });
  }

  // Internals

  private state(bucket: string): BucketState {
    const state = this.buckets.get(bucket);
    if (!state) throw noSuchBucket(bucket);
    return state;
  }

  private upload(state: BucketState, key: string, uploadId: string): UploadState {
    const upload = state.uploads.get(uploadId);
    if (!upload || upload.record.key !== key) throw noSuchUpload(uploadId);
    return upload;
  }

  private completedBefore(
    state: BucketState,
    key: string,
    uploadId: string,
    parts: readonly CompletedPart[],
  ): ObjectRecord {
    const current = state.objects.get(key);
    if (current?.uploadId === uploadId && current.etag === multipartEtag(parts.map((part) => part.etag))) {
      return current;
    }
    throw noSuchUpload(uploadId);
  }

  private async createTemp(state: BucketState): Promise<TempFile> {
    try {
      return await TempFile.create(state.folder.tempPath(), this.syncWrites);
    } catch (error) {
      throw state.deleted ? noSuchBucket(state.record.name) : error;
    }
  }

  /**
   * Renames a finished temporary file over the object's file and indexes it. Under the key's lock, so
   * that of two uploads of one key the index names the one whose rename came last (the one on disk).
   */
  private publish(state: BucketState, record: ObjectRecord, tempPath: string): Promise<ObjectRecord> {
    return state.locks.run(`o:${record.key}`, async () => {
      const gone = () => noSuchBucket(state.record.name);
      if (state.deleted) throw gone();
      try {
        await rename(tempPath, state.folder.objectPath(record.key));
      } catch (error) {
        throw state.deleted ? gone() : error;
      }
      // Deleted while renaming: the object went away with the bucket's folder.
      if (state.deleted) throw gone();
      if (this.syncWrites) await syncFolder(state.folder.objectsDir);
      if (!state.objects.has(record.key)) state.keys.add(record.key);
      state.objects.set(record.key, record);
      return record;
    });
  }

  private async removeUpload(state: BucketState, upload: UploadState): Promise<void> {
    await this.moveAway(state.folder.uploadDir(upload.record.uploadId), state.folder.tempPath());
    state.uploads.delete(upload.record.uploadId);
  }

  /** Makes a folder disappear at once (one rename), and removes its files in the background. */
  private async moveAway(dir: string, trash: string): Promise<void> {
    await rename(dir, trash);
    const removal = rm(trash, { recursive: true, force: true })
      .catch(() => undefined)
      .finally(() => this.removals.delete(removal));
    this.removals.add(removal);
  }
}
