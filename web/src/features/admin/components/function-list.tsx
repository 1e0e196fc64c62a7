import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import { useId, useState } from 'react';
import { ErrorMessage } from '../../../components/error-message';
import { Spinner } from '../../../components/spinner';
import { type ListFunctionsSender, useFunctions } from '../api/list-functions';
import { formatDateTime, parseLambdaDate } from '../utils/format';

export interface FunctionListProps {
  lambda: ListFunctionsSender;
  selected: string | undefined;
  onSelect: (fn: FunctionConfiguration) => void;
}

/** Every function of the stack (`ListFunctions`, all pages), filterable by name. */
export function FunctionList({ lambda, selected, onSelect }: FunctionListProps) {
  const functions = useFunctions(lambda);
  const [filter, setFilter] = useState('');
  const filterId = useId();
  const captionId = useId();

  if (functions.isPending) return <Spinner label="Loading the functions…" />;
  if (functions.isError) {
    return (
      <ErrorMessage onRetry={() => functions.refetch()}>
        Could not list the functions: {(functions.error as Error).message}
      </ErrorMessage>
    );
  }
  const needle = filter.trim().toLowerCase();
  const shown = functions.data.filter((fn) => (fn.FunctionName ?? '').toLowerCase().includes(needle));
  return (
    <div className="function-list">
      <div className="field">
        <label htmlFor={filterId}>Filter by name</label>
        <input
          id={filterId}
          className="field__input"
          type="search"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          autoComplete="off"
        />
      </div>
      <p className="muted" aria-live="polite">
        {shown.length === functions.data.length
          ? `${functions.data.length} functions`
          : `${shown.length} of ${functions.data.length} functions`}
      </p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
      <section className="table-scroll" aria-labelledby={captionId} tabIndex={0}>
        <table className="data-table">
          <caption id={captionId} className="visually-hidden">
            Functions of the stack
          </caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Runtime</th>
              <th scope="col">Memory</th>
              <th scope="col">Timeout</th>
              <th scope="col">Last modified</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((fn) => {
              const name = fn.FunctionName ?? '';
              const isSelected = name === selected;
              return (
                <tr key={name} className={isSelected ? 'is-selected' : undefined}>
                  <th scope="row">
                    <button
                      type="button"
                      className="link-button"
                      aria-pressed={isSelected}
                      onClick={() => onSelect(fn)}
                    >
                      {name}
                    </button>
                  </th>
                  <td>
                    {fn.Runtime ?? (fn.PackageType === 'Image' ? 'container image' : '—')}
                    {fn.Architectures?.[0] === 'arm64' ? ' (arm64)' : ''}
                  </td>
                  <td>{fn.MemorySize ? `${fn.MemorySize} MB` : '—'}</td>
                  <td>{fn.Timeout ? `${fn.Timeout} s` : '—'}</td>
                  <td>{formatDateTime(parseLambdaDate(fn.LastModified))}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </div>
  );
}
