import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorMessage } from './error-message';

interface Props {
  children: ReactNode;
}
interface State {
  error: unknown;
}

/** Catches what a screen throws while rendering (or a chunk that failed to load) and says so in words. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: undefined };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(error, info.componentStack);
  }

  override render() {
    if (this.state.error === undefined) return this.props.children;
    const chunkFailed = this.state.error instanceof TypeError;
    return (
      <section className="screen">
        <h1>Something went wrong</h1>
        <ErrorMessage
          error={this.state.error}
          onRetry={() => (chunkFailed ? window.location.reload() : this.setState({ error: undefined }))}
        />
      </section>
    );
  }
}
