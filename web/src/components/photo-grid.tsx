import type { PhotoView } from '@lambdagram/functions/contracts';
import type { ReactNode } from 'react';
import { photoPath } from '../lib/photo-text';
import { Link } from '../lib/router';
import { PhotoImage } from './photo-image';

/** Grid cells: half the width on a phone, a third from 40rem, a quarter from 64rem (styles.css). */
const GRID_SIZES = '(min-width: 72rem) 17rem, (min-width: 64rem) 24vw, (min-width: 40rem) 32vw, 50vw';

/** The first row of the widest grid loads at once; the rest as it scrolls near. */
const FIRST_ROW = 4;

export interface PhotoGridProps {
  photos: readonly PhotoView[];
  /** The image's text alternative; PhotoImage's own (the caption) without it. */
  alt?: (photo: PhotoView) => string;
  /** Drawn on the image, inside its link (e.g. a status badge). */
  overlay?: (photo: PhotoView) => ReactNode;
  /** Under the image, outside its link. */
  caption: (photo: PhotoView) => ReactNode;
}

/** Square thumbnails, each a link to its photo's page. */
export function PhotoGrid({ photos, alt, overlay, caption }: PhotoGridProps) {
  return (
    <ul className="photo-grid">
      {photos.map((photo, index) => (
        <li key={photo.photoId}>
          <Link to={photoPath(photo.photoId)} className="photo-grid__link">
            <PhotoImage photo={photo} sizes={GRID_SIZES} alt={alt?.(photo)} priority={index < FIRST_ROW} />
            {overlay?.(photo)}
          </Link>
          {caption(photo)}
        </li>
      ))}
    </ul>
  );
}
