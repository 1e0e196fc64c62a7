import type { ReactNode } from 'react';

/** A term and its value; `false` or `undefined` entries are left out. */
export type Fact = [term: string, value: ReactNode] | false | undefined;

/** A description list of facts, one row each (two columns on wide screens). */
export function Facts({ items, className }: { items: Fact[]; className?: string }) {
  return (
    <dl className={['facts', className].filter(Boolean).join(' ')}>
      {items
        .filter((item): item is [string, ReactNode] => Boolean(item))
        .map(([term, value]) => (
          <div key={term} className="facts__row">
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}
