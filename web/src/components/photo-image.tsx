import type { PhotoView } from '@lambdagram/functions/contracts';

export interface PhotoImageProps {
  photo: Pick<PhotoView, 'images' | 'width' | 'height' | 'placeholder' | 'caption'>;
  /** How wide the image is drawn, for the browser to pick from `srcset` (e.g. "(min-width: 40rem) 600px, 100vw"). */
  sizes?: string;
  /** Defaults to the caption; pass "" for a purely decorative image. */
  alt?: string;
  /** For the first image on screen: loaded at once and early, not lazily. */
  priority?: boolean;
  className?: string;
}

/** Prefer this width as the plain `src` for browsers that ignore `srcset`. */
const FALLBACK_WIDTH = 640;

/**
 * A photo at the size the screen needs: the placeholder colour (and blurred preview) until it loads,
 * `srcset` from its published sizes so a phone downloads the small one, and its width and height so
 * nothing moves when it arrives.
 */
export function PhotoImage({ photo, sizes = '100vw', alt, priority = false, className }: PhotoImageProps) {
  const images = photo.images;
  const largest = images[images.length - 1];
  const width = photo.width ?? largest?.width;
  const height = photo.height ?? largest?.height;
  const background = {
    backgroundColor: photo.placeholder?.color ?? '#d9d9d9',
    ...(photo.placeholder?.dataUrl ? { backgroundImage: `url("${photo.placeholder.dataUrl}")` } : {}),
  };
  const classes = ['photo-image', className].filter(Boolean).join(' ');
  if (!largest) {
    return (
      <div
        className={`${classes} photo-image--empty`}
        style={{ ...background, aspectRatio: width && height ? `${width} / ${height}` : '1 / 1' }}
        role="img"
        aria-label={alt ?? (photo.caption || 'Photo')}
      />
    );
  }
  const fallback = images.find((image) => image.width >= FALLBACK_WIDTH) ?? largest;
  return (
    <img
      className={classes}
      src={fallback.url}
      srcSet={images.map((image) => `${image.url} ${image.width}w`).join(', ')}
      sizes={sizes}
      width={width}
      height={height}
      alt={alt ?? (photo.caption || 'Photo')}
      loading={priority ? 'eager' : 'lazy'}
      decoding="async"
      {...(priority ? { fetchPriority: 'high' as const } : {})}
      style={background}
    />
  );
}
