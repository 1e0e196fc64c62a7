import type { PhotoView } from '@lambdagram/functions/contracts';
import { useEffect, useRef, useState } from 'react';
import { Button } from '../../../components/button';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { ErrorMessage } from '../../../components/error-message';
import { PhotoImage } from '../../../components/photo-image';
import { Spinner } from '../../../components/spinner';
import { TimeAgo } from '../../../components/time-ago';
import { usePhoto } from '../../../lib/api/get-photo';
import { CallError } from '../../../lib/invoke';
import { photoAlt, profilePath, VISIBILITY_LABELS } from '../../../lib/photo-text';
import { Link, navigate, useRoute } from '../../../lib/router';
import { useSession } from '../../../lib/session';
import { useDeletePhoto } from '../api/delete-photo';
import { PhotoEditor } from './photo-editor';

/** The photo at its largest: the page's width less its padding on a phone, at most 60rem (styles.css). */
const LARGE_SIZES = '(min-width: 64rem) 60rem, (min-width: 40rem) calc(100vw - 3rem), calc(100vw - 2rem)';

/** One photo, large, with its caption and author; its owner may edit or delete it. */
export function PhotoScreen() {
  const { params } = useRoute();
  const photoId = params.photoId ?? '';
  const photo = usePhoto(photoId, { pollWhileProcessingMs: 2000 });

  if (photo.isPending) return <Spinner label="Loading the photo…" />;
  if (photo.isError) {
    const missing =
      photo.error instanceof CallError &&
      ['NotFoundError', 'ValidationError'].includes(photo.error.errorType);
    return (
      <section className="screen" aria-labelledby="photo-title">
        <h1 id="photo-title">{missing ? 'Photo not found' : 'The photo could not be loaded'}</h1>
        {missing ? (
          <p>It may have been deleted, or it is not shared with you.</p>
        ) : (
          <ErrorMessage error={photo.error} onRetry={() => photo.refetch()} />
        )}
        <p>
          <Link to="/">Go to the home page</Link>
        </p>
      </section>
    );
  }
  return <PhotoDetails photo={photo.data} />;
}

function PhotoDetails({ photo }: { photo: PhotoView }) {
  const session = useSession();
  const isOwner = session.user?.userId === photo.owner.userId;
  const [editing, setEditing] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const deletion = useDeletePhoto();
  const actions = useRef<HTMLDivElement>(null);
  const [returnFocus, setReturnFocus] = useState(false);

  // Back from the editor: keyboard users carry on from the button that opened it.
  useEffect(() => {
    if (!returnFocus) return;
    actions.current?.querySelector('button')?.focus();
    setReturnFocus(false);
  }, [returnFocus]);

  const remove = () =>
    deletion.mutate(photo.photoId, {
      onSuccess: () => navigate('/', { replace: true }),
    });

  return (
    <article className="screen photo-view" aria-labelledby="photo-title">
      <h1 id="photo-title" className="visually-hidden">
        Photo by {photo.owner.username}
      </h1>
      <header className="photo-view__header">
        <Link to={profilePath(photo.owner.username)} className="photo-view__author">
          {photo.owner.username}
        </Link>
        <TimeAgo iso={photo.createdAt} className="muted" />
        {isOwner && <span className="badge">{VISIBILITY_LABELS[photo.visibility]}</span>}
      </header>

      {photo.status === 'ready' ? (
        <PhotoImage
          photo={photo}
          sizes={LARGE_SIZES}
          alt={photoAlt(photo)}
          priority
          className="photo-view__image"
        />
      ) : photo.status === 'processing' ? (
        <p role="status" className="photo-view__pending">
          <Spinner size="small" label="" /> This photo is still being processed. It shows up here when it is
          ready.
        </p>
      ) : (
        <div className="error-message" role="alert">
          This photo could not be processed{photo.failureReason ? `: ${photo.failureReason}` : '.'} You can
          delete it and upload another file.
        </div>
      )}

      {editing ? (
        <PhotoEditor
          photo={photo}
          onDone={() => {
            setEditing(false);
            setReturnFocus(true);
          }}
        />
      ) : (
        <>
          {photo.caption ? (
            <p className="photo-view__caption">{photo.caption}</p>
          ) : (
            isOwner && <p className="muted">No caption.</p>
          )}
          {isOwner && (
            <div className="form-actions" ref={actions}>
              {photo.status !== 'failed' && (
                <Button variant="secondary" onClick={() => setEditing(true)}>
                  Edit caption and visibility
                </Button>
              )}
              <Button
                variant="danger"
                onClick={() => {
                  deletion.reset();
                  setConfirmingDelete(true);
                }}
              >
                Delete photo
              </Button>
            </div>
          )}
        </>
      )}

      <ConfirmDialog
        open={confirmingDelete}
        title="Delete this photo?"
        confirmLabel="Delete photo"
        cancelLabel="Keep it"
        danger
        pending={deletion.isPending}
        error={deletion.error ?? undefined}
        onCancel={() => setConfirmingDelete(false)}
        onConfirm={remove}
      >
        <p>It disappears from your profile and from your friends' feeds. This cannot be undone.</p>
      </ConfirmDialog>
    </article>
  );
}
