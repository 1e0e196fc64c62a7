export interface SpinnerProps {
  /** What is loading, for screen readers; an empty label hides the spinner from them. */
  label?: string;
  size?: 'small' | 'normal';
}

export function Spinner({ label = 'Loading…', size = 'normal' }: SpinnerProps) {
  if (label === '') return <span className={`spinner spinner--${size}`} aria-hidden="true" />;
  return (
    <span role="status" className="spinner-wrap">
      <span className={`spinner spinner--${size}`} aria-hidden="true" />
      <span className="visually-hidden">{label}</span>
    </span>
  );
}
