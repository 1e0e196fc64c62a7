import type { FormEvent } from 'react';

/**
 * After a submit that found problems, moves focus to the first field marked invalid, so keyboard and
 * screen-reader users land on what to fix (its error is read with it through aria-describedby).
 */
export function focusFirstError(event: FormEvent<HTMLFormElement>): void {
  const form = event.currentTarget;
  // After React has rendered the errors.
  queueMicrotask(() =>
    requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()),
  );
}

/** The problems a function reported per field (`issues`), by field name. */
export function issuesByField(error: unknown): Record<string, string> {
  const issues = (error as { issues?: { path: string; message: string }[] } | null)?.issues ?? [];
  return Object.fromEntries(issues.map((issue) => [issue.path, issue.message]));
}
