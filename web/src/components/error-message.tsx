import type { ReactNode } from 'react';
import { describeError } from '../lib/invoke';
import { Button } from './button';

export interface ErrorMessageProps {
  /** Any error: shown in words a person understands (never a stack). */
  error?: unknown;
  /** Words to show instead of (or without) an error. */
  children?: ReactNode;
  /** Offers a "Try again" button. */
  onRetry?: () => void;
  id?: string;
}

/** An error announced to screen readers as it appears (`role="alert"`). Renders nothing without one. */
export function ErrorMessage({ error, children, onRetry, id }: ErrorMessageProps) {
  if (!children && (error === undefined || error === null)) return null;
  return (
    <div role="alert" id={id} className="error-message">
      <span>{children ?? describeError(error)}</span>
      {onRetry && (
        <Button variant="secondary" onClick={onRetry}>
          Try again
        </Button>
      )}
    </div>
  );
}
