import { type ReactNode, useId } from 'react';
import type { JsonCheck } from '../utils/json-validation';

export interface JsonEditorProps {
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  /** The value's check (by `checkJson`), computed by the owner, who also needs it. */
  check: JsonCheck;
  hint?: ReactNode;
  rows?: number;
}

/**
 * A plain textarea for JSON that says as you type whether it is valid, and where it is not (line,
 * column and what to do). The message lives in a polite live region: read after typing pauses,
 * never interrupting. Tab still moves focus, as in any form.
 */
export function JsonEditor({ label, value, onChange, check, hint, rows = 10 }: JsonEditorProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const statusId = `${id}-status`;
  return (
    <div className={check.ok ? 'field' : 'field field--invalid'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      <textarea
        id={id}
        className="json-editor"
        value={value}
        rows={rows}
        onChange={(event) => onChange(event.target.value)}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        autoCorrect="off"
        aria-invalid={!check.ok}
        aria-describedby={[hint ? hintId : undefined, statusId].filter(Boolean).join(' ')}
      />
      <p id={statusId} aria-live="polite" className={check.ok ? 'json-editor__status' : 'field__error'}>
        {check.ok ? 'Valid JSON.' : `Line ${check.line}, column ${check.column}: ${check.message}`}
      </p>
    </div>
  );
}
