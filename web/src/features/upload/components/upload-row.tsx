import type { Visibility } from '@lambdagram/functions/contracts';
import { useEffect, useId, useState } from 'react';
import { Button } from '../../../components/button';
import { FieldShell } from '../../../components/field';
import { VISIBILITY_HINTS, VISIBILITY_LABELS } from '../../../lib/photo-text';
import { Link } from '../../../lib/router';
import { MAX_CAPTION_LENGTH } from '../../../lib/upload-limits';
import { formatBytes } from '../file-checks';
import type { ProcessingOutcome, UploadItem } from '../upload-queue';
import { ProcessingWatcher } from './processing-watcher';

const VISIBILITIES = Object.keys(VISIBILITY_LABELS) as Visibility[];

export interface UploadRowProps {
  item: UploadItem;
  /** Why this draft cannot be sent yet. */
  problem: string | undefined;
  onEdit(changes: { caption?: string; visibility?: Visibility }): void;
  onCancel(): void;
  onRetry(): void;
  onRemove(): void;
  onProcessed(outcome: ProcessingOutcome): void;
}

/** One picked file: its preview, its caption and visibility while a draft, then how its upload goes. */
export function UploadRow({
  item,
  problem,
  onEdit,
  onCancel,
  onRetry,
  onRemove,
  onProcessed,
}: UploadRowProps) {
  const nameId = useId();
  const { file, state } = item;
  const refusedBeforeSending = state.status === 'failed' && !state.retryable && !state.photoId;

  return (
    <li className="upload-item" aria-labelledby={nameId}>
      {refusedBeforeSending ? <div className="upload-item__preview" /> : <Preview file={file} />}
      <div className="upload-item__body">
        <p id={nameId} className="upload-item__name">
          {file.name} <span className="muted">{formatBytes(file.size)}</span>
        </p>

        {state.status === 'draft' ? (
          <>
            <FieldShell
              label={
                <>
                  Caption<span className="visually-hidden"> for {file.name}</span>
                </>
              }
              error={problem}
            >
              {(control) => (
                <textarea
                  rows={2}
                  maxLength={MAX_CAPTION_LENGTH}
                  value={item.caption}
                  onChange={(event) => onEdit({ caption: event.target.value })}
                  {...control}
                />
              )}
            </FieldShell>
            <FieldShell
              label={
                <>
                  Who can see it<span className="visually-hidden"> ({file.name})</span>
                </>
              }
              hint={VISIBILITY_HINTS[item.visibility]}
            >
              {(control) => (
                <select
                  value={item.visibility}
                  onChange={(event) => onEdit({ visibility: event.target.value as Visibility })}
                  {...control}
                >
                  {VISIBILITIES.map((value) => (
                    <option key={value} value={value}>
                      {VISIBILITY_LABELS[value]}
                    </option>
                  ))}
                </select>
              )}
            </FieldShell>
          </>
        ) : (
          !refusedBeforeSending && (
            <p className="upload-item__meta">
              {item.caption.trim() ? `“${item.caption.trim()}” · ` : ''}
              {VISIBILITY_LABELS[item.visibility]}
            </p>
          )
        )}

        <UploadProgress item={item} onProcessed={onProcessed} />

        <div className="form-actions upload-item__actions">
          {(state.status === 'queued' || state.status === 'uploading') && (
            <Button variant="secondary" onClick={onCancel}>
              Cancel<span className="visually-hidden"> upload of {file.name}</span>
            </Button>
          )}
          {(state.status === 'cancelled' || (state.status === 'failed' && state.retryable)) && (
            <Button variant="secondary" onClick={onRetry}>
              Retry<span className="visually-hidden"> {file.name}</span>
            </Button>
          )}
          {state.status === 'ready' && (
            <Link to={`/photos/${encodeURIComponent(state.photoId)}`}>
              View photo<span className="visually-hidden"> {file.name}</span>
            </Link>
          )}
          {state.status !== 'uploading' && state.status !== 'queued' && state.status !== 'processing' && (
            <Button variant="link" onClick={onRemove}>
              Remove<span className="visually-hidden"> {file.name}</span>
            </Button>
          )}
        </div>
      </div>
    </li>
  );
}

function UploadProgress({ item, onProcessed }: Pick<UploadRowProps, 'item' | 'onProcessed'>) {
  const { state, file } = item;
  switch (state.status) {
    case 'draft':
      return null;
    case 'queued':
      return <p className="muted">Waiting to upload…</p>;
    case 'uploading': {
      const percent = state.total > 0 ? Math.floor((state.loaded / state.total) * 100) : 0;
      return (
        <div className="upload-item__progress">
          <progress max={state.total} value={state.loaded} aria-label={`Uploading ${file.name}`} />
          <span aria-hidden="true">{percent}%</span>
        </div>
      );
    }
    case 'processing':
      return (
        <div className="upload-item__progress">
          <progress aria-label={`Processing ${file.name}`} />
          <ProcessingWatcher photoId={state.photoId} onProcessed={onProcessed} />
        </div>
      );
    case 'ready':
      return <p className="success-message">Uploaded. It is in your feed and on your profile.</p>;
    case 'failed':
      return (
        <p className="error-message" role="alert">
          {state.reason}
        </p>
      );
    case 'cancelled':
      return <p className="muted">Cancelled. Nothing was kept.</p>;
  }
}

/** A thumbnail of the picked file, from an object URL that is let go when the row goes. */
function Preview({ file }: { file: File }) {
  const [url, setUrl] = useState<string>();
  const [broken, setBroken] = useState(false);
  useEffect(() => {
    const objectUrl = URL.createObjectURL(file);
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [file]);
  if (!url || broken) return <div className="upload-item__preview" />;
  return (
    <img
      className="upload-item__preview"
      src={url}
      alt={`Preview of ${file.name}`}
      onError={() => setBroken(true)}
      decoding="async"
    />
  );
}
