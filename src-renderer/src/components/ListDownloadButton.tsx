/**
 * The "Download list (CSV)" button of a work list, and while the file is being made, how far it
 * has got ("Reading 1,000 of 17,346…") with Cancel beside it. `label` names the list for a
 * screen reader when a screen has several.
 */
import type { ListDownload } from './useListDownload';

const count = new Intl.NumberFormat('en-US');

export function ListDownloadButton({ state, label }: { state: ListDownload; label?: string }) {
  if (!state.busy) {
    return (
      <button type="button" className="button" onClick={() => void state.download()}>
        Download list (CSV){label ? <span className="visually-hidden">: {label}</span> : null}
      </button>
    );
  }
  const p = state.progress;
  return (
    <span className="list-download-progress">
      <span role="status" aria-live="polite">
        {p ? `Reading ${count.format(p.done)} of ${count.format(p.total)}…` : 'Preparing the file…'}
      </span>
      {p && p.total > 0 ? <progress max={p.total} value={p.done} aria-hidden="true" /> : null}
      <button type="button" className="button" onClick={state.cancel}>
        Cancel download{label ? <span className="visually-hidden">: {label}</span> : null}
      </button>
    </span>
  );
}
