import {
  type ChangeEvent,
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { Button } from '../../../components/button';
import { CallError } from '../../../lib/invoke';
import { useSession } from '../../../lib/session';
import { UPLOAD_CONTENT_TYPES } from '../../../lib/upload-limits';
import { uploadOriginal } from '../api/upload-original';
import { createUploadQueue, type Uploader, type UploadItem } from '../upload-queue';
import { UploadRow } from './upload-row';

export interface UploadScreenProps {
  /** Sends one file; the S3 upload of the signed-in user unless a test passes another. */
  upload?: Uploader;
}

const plural = (count: number, one: string, many: string) => (count === 1 ? `1 ${one}` : `${count} ${many}`);

/**
 * Picking photos (several at once, by dialog, drag and drop or paste), a caption and a visibility
 * for each, then their uploads with progress, cancel and retry, and processing until each is ready.
 */
export function UploadScreen({ upload }: UploadScreenProps) {
  const session = useSession();
  const sendFile = useRef<Uploader>(() => {
    throw new Error('not ready');
  });
  sendFile.current =
    upload ??
    ((request) => {
      const { identityId } = session;
      if (!identityId) throw new CallError('ExpiredToken', 'Sign in again to upload photos.');
      return uploadOriginal(
        { s3: session.clients.s3, bucket: session.config.photosBucket, identityId },
        request,
      );
    });
  const [queue] = useState(() => createUploadQueue({ upload: (request) => sendFile.current(request) }));
  const items = useSyncExternalStore(queue.subscribe, queue.getSnapshot, queue.getSnapshot);
  const [announcement, setAnnouncement] = useState('');
  const [dragging, setDragging] = useState(false);
  const picker = useRef<HTMLInputElement>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);
  const hintId = useId();

  // Leaving the screen stops what is still being sent (processing goes on without us).
  useEffect(() => () => queue.dispose(), [queue]);

  const addFiles = useCallback(
    (files: Iterable<File>) => {
      const added = queue.add(files);
      if (added.length === 0) return;
      const refused = added.filter((item) => item.state.status === 'failed').length;
      setAnnouncement(
        `${plural(added.length, 'photo', 'photos')} added` +
          (refused > 0 ? `; ${plural(refused, 'file', 'files')} cannot be uploaded, see below.` : '.'),
      );
    },
    [queue],
  );

  useWindowFileDrops(addFiles, setDragging);

  const busy = items.some((item) => item.state.status === 'uploading' || item.state.status === 'queued');
  useWarnBeforeLeaving(busy);

  const drafts = items.filter((item) => item.state.status === 'draft');
  const sendable = drafts.filter((item) => !queue.problemOf(item.id));
  const finished = items.filter((item) => item.state.status === 'ready');

  const pick = (event: ChangeEvent<HTMLInputElement>) => {
    addFiles(Array.from(event.target.files ?? []));
    event.target.value = ''; // the same file may be picked again later
  };

  const startAll = () => {
    queue.start();
    setAnnouncement(`Uploading ${plural(sendable.length, 'photo', 'photos')}.`);
    listHeading.current?.focus();
  };

  const remove = (item: UploadItem) => {
    queue.remove(item.id);
    picker.current?.focus();
  };

  return (
    <section className="screen upload" aria-labelledby="upload-title">
      <h1 id="upload-title">Upload photos</h1>
      <div className={dragging ? 'drop-zone drop-zone--active' : 'drop-zone'}>
        <p className="drop-zone__text">Drop photos here, paste them, or</p>
        <label className="button button--secondary file-picker">
          Choose photos
          <input
            ref={picker}
            type="file"
            multiple
            accept={UPLOAD_CONTENT_TYPES.join(',')}
            className="visually-hidden"
            aria-describedby={hintId}
            onChange={pick}
          />
        </label>
        <p id={hintId} className="muted drop-zone__hint">
          JPEG, PNG, WebP or AVIF, up to 25 MB each. Add a caption and choose who sees each photo before
          uploading.
        </p>
      </div>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>

      {items.length > 0 && (
        <>
          <h2 ref={listHeading} tabIndex={-1} className="upload__list-title">
            Your photos <span className="muted">({items.length})</span>
          </h2>
          <ul className="upload-list">
            {items.map((item) => (
              <UploadRow
                key={item.id}
                item={item}
                problem={queue.problemOf(item.id)}
                onEdit={(changes) => queue.edit(item.id, changes)}
                onCancel={() => queue.cancel(item.id)}
                onRetry={() => queue.retry(item.id)}
                onRemove={() => remove(item)}
                onProcessed={(outcome) => queue.settle(item.id, outcome)}
              />
            ))}
          </ul>
          <div className="form-actions upload__actions">
            {drafts.length > 0 && (
              <Button onClick={startAll} disabled={sendable.length === 0}>
                Upload {plural(sendable.length, 'photo', 'photos')}
              </Button>
            )}
            {finished.length > 0 && (
              <Button
                variant="secondary"
                onClick={() => {
                  for (const item of finished) queue.remove(item.id);
                  picker.current?.focus();
                }}
              >
                Clear uploaded
              </Button>
            )}
          </div>
        </>
      )}
    </section>
  );
}

/** Files dropped anywhere on the page are added (and the browser does not open them instead). */
function useWindowFileDrops(
  addFiles: (files: Iterable<File>) => void,
  setDragging: (dragging: boolean) => void,
) {
  useEffect(() => {
    let depth = 0;
    const carriesFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files');
    const onDragEnter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth += 1;
      setDragging(true);
    };
    const onDragLeave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onDragOver = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      addFiles(Array.from(event.dataTransfer?.files ?? []));
    };
    // Pasted images (a screenshot, a copied file); pasted text still goes into the caption.
    const onPaste = (event: ClipboardEvent) => {
      const files = Array.from(event.clipboardData?.files ?? []);
      if (files.length === 0) return;
      event.preventDefault();
      addFiles(files);
    };
    window.addEventListener('dragenter', onDragEnter);
    window.addEventListener('dragleave', onDragLeave);
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    window.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('dragenter', onDragEnter);
      window.removeEventListener('dragleave', onDragLeave);
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
      window.removeEventListener('paste', onPaste);
    };
  }, [addFiles, setDragging]);
}

/** Closing the tab or reloading mid-upload asks first. */
function useWarnBeforeLeaving(busy: boolean) {
  useEffect(() => {
    if (!busy) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [busy]);
}
