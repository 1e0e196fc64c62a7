import type { PhotoView, Visibility } from '@lambdagram/functions/contracts';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Button } from '../../../components/button';
import { ErrorMessage } from '../../../components/error-message';
import { FieldShell } from '../../../components/field';
import { VISIBILITY_HINTS, VISIBILITY_LABELS } from '../../../lib/photo-text';
import { MAX_CAPTION_LENGTH } from '../../../lib/upload-limits';
import { type PhotoChanges, useUpdatePhoto } from '../api/update-photo';

const VISIBILITIES = Object.keys(VISIBILITY_LABELS) as Visibility[];

/** The owner's form for a photo's caption and visibility; only what changed is sent. */
export function PhotoEditor({ photo, onDone }: { photo: PhotoView; onDone: () => void }) {
  const [caption, setCaption] = useState(photo.caption);
  const [visibility, setVisibility] = useState<Visibility>(photo.visibility);
  const update = useUpdatePhoto();
  const captionField = useRef<HTMLTextAreaElement>(null);
  const legendId = useId();

  useEffect(() => {
    captionField.current?.focus();
  }, []);

  const tooLong = Array.from(caption.trim()).length > MAX_CAPTION_LENGTH;

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (tooLong) return;
    const changes: PhotoChanges = { photoId: photo.photoId };
    if (caption.trim() !== photo.caption) changes.caption = caption.trim();
    if (visibility !== photo.visibility) changes.visibility = visibility;
    if (changes.caption === undefined && changes.visibility === undefined) onDone();
    else update.mutate(changes, { onSuccess: onDone });
  };

  return (
    <form className="form photo-editor" onSubmit={save} aria-label="Edit photo">
      <FieldShell
        label="Caption"
        error={
          tooLong ? `A caption has at most ${MAX_CAPTION_LENGTH.toLocaleString('en')} characters.` : undefined
        }
      >
        {(control) => (
          <textarea
            ref={captionField}
            rows={3}
            value={caption}
            onChange={(event) => setCaption(event.target.value)}
            {...control}
          />
        )}
      </FieldShell>
      <fieldset className="choices" aria-labelledby={legendId}>
        <legend id={legendId}>Who can see it</legend>
        {VISIBILITIES.map((value) => (
          <label key={value} className="choice">
            <input
              type="radio"
              name="visibility"
              value={value}
              checked={visibility === value}
              onChange={() => setVisibility(value)}
            />
            <span>
              {VISIBILITY_LABELS[value]} <span className="muted">— {VISIBILITY_HINTS[value]}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <ErrorMessage error={update.error ?? undefined} />
      <div className="form-actions">
        <Button type="submit" pending={update.isPending}>
          Save
        </Button>
        <Button variant="secondary" onClick={onDone} disabled={update.isPending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
