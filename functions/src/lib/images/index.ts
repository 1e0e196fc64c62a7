// The image pipeline of `processUpload`: check an uploaded original, publish it in WebP sizes.
export { ImageRejectedError, type ImageRejectionReason } from './image-errors.js';
export { type ImagePlaceholder, PLACEHOLDER_SIZE } from './placeholder.js';
export {
  type AcceptedImageFormat,
  type ImageVariant,
  MAX_INPUT_PIXELS,
  type ProcessedImage,
  type ProcessImageOptions,
  processImage,
  VARIANT_WIDTHS,
} from './process-image.js';
