import type { PackageKind } from '../../../stack/types.js';

/** The runtimes the local cloud can execute (others, e.g. java21, are refused at start). */
export const SUPPORTED_RUNTIMES: readonly string[] = [
  'nodejs18.x',
  'nodejs20.x',
  'nodejs22.x',
  'nodejs24.x',
  'python3.9',
  'python3.10',
  'python3.11',
  'python3.12',
  'python3.13',
  'python3.14',
  'provided',
  'provided.al2',
  'provided.al2023',
];

/** How a runtime's code is packaged and started: `nodejs22.x` → `nodejs`. */
export function kindOf(runtime: string): PackageKind {
  if (runtime.startsWith('nodejs')) return 'nodejs';
  if (runtime.startsWith('python')) return 'python';
  return 'provided';
}

/** The file extension of a source module for the runtime (inline code is written to such a file). */
export function sourceExtension(kind: PackageKind): string | undefined {
  if (kind === 'nodejs') return '.js';
  if (kind === 'python') return '.py';
  return undefined;
}
