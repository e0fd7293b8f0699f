import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

/** A screen that crashes says so in plain words; the rest of the app keeps working. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('screen failed', error.name, info.componentStack?.split('\n')[1]?.trim());
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <section className="screen">
        <h1>This screen stopped working</h1>
        <div className="form-alert" role="alert">
          <p>Something went wrong while showing this screen. Nothing was saved or changed by it.</p>
          <p>Choose another screen on the left, or reload the app. If it happens again, tell the clinic administrator.</p>
        </div>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          Reload the app
        </button>
      </section>
    );
  }
}
