import { createHash } from 'node:crypto';

let incarnations = 0;

/**
 * A file name for a log group or stream. Names hold `/`, `[`, `$` and other characters that file systems
 * refuse or treat specially, and may differ only in case (which macOS does not distinguish), so the name
 * is percent-encoded for readability, cut short, and followed by a hash of the exact name. The
 * incarnation part makes a group or stream created again after a deletion use a new file, so removing
 * the old one in the background can never touch the new one.
 */
export function fileKey(name: string): string {
  const readable = Array.from(name, (character) =>
    /[A-Za-z0-9_-]/.test(character)
      ? character
      : Array.from(
          Buffer.from(character, 'utf8'),
          (byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
        ).join(''),
  )
    .join('')
    .slice(0, 80);
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 10);
  incarnations += 1;
  const incarnation = `${Date.now().toString(36)}${incarnations.toString(36)}`;
  return `${readable}.${hash}.${incarnation}`;
}
