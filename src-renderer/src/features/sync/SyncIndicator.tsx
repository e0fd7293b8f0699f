/**
 * The header's sync indicator: in plain words, always visible, whether this computer works on
 * its own, is synced, offline with changes waiting, refused by the server, or downloading the
 * clinic. It links to Settings → Clinic server. Beside it, whenever conflicts wait (in every
 * state), "2 conflicts to resolve" links to the Conflicts screen.
 */
import { useEffect, type MouseEvent } from 'react';
import { navigate, paths } from '../../app/router';
import { useClinicTimeZone } from '../clinic/store';
import { requestClinicServerScroll, scrollToClinicServer, useSyncStore, watchSync } from './store';
import { summarizeConflicts, summarizeSync, type SyncSummary } from './sync-words';
import './sync.css';

export function openClinicServerSettings(e?: MouseEvent): void {
  e?.preventDefault();
  const page = paths.settingsSection('server');
  if (window.location.hash === page && scrollToClinicServer()) return;
  requestClinicServerScroll();
  navigate(page);
}

export function SyncProgress({ progress, label }: { progress: NonNullable<SyncSummary['progress']>; label: string }) {
  const max = Math.max(progress.total, 1);
  return <progress className="sync-progress" max={max} value={Math.min(progress.received, max)} aria-label={label} />;
}

export function SyncIndicator() {
  const status = useSyncStore((s) => s.status);
  const error = useSyncStore((s) => s.error);
  const readAt = useSyncStore((s) => s.readAt);
  const zone = useClinicTimeZone();

  useEffect(() => watchSync(), []);

  if (!status) {
    if (!error) return null;
    return (
      <a className="sync-indicator sync-tone-neutral" href={paths.settingsSection('server')} onClick={openClinicServerSettings}>
        <span className="sync-symbol" aria-hidden="true">
          ?
        </span>
        <span className="sync-words">
          <span className="sync-headline">Sync status unknown</span>
          <span className="visually-hidden"> (Clinic server settings)</span>
        </span>
      </a>
    );
  }

  // The status is re-read every 15 s, so `readAt` is a clock that moves with it.
  const summary = summarizeSync(status, zone, readAt);
  const conflicts = summarizeConflicts(status);
  return (
    <div className="sync-indicator-wrap">
      {conflicts ? (
        <a className={`sync-conflicts sync-tone-${conflicts.tone}`} href={paths.conflicts} title="See both sides and choose what stays">
          <span className="sync-symbol" aria-hidden="true">
            {conflicts.symbol}
          </span>
          <span className="sync-words">
            <span className="sync-headline">
              {conflicts.count}
              <span className="sync-conflicts-rest"> to resolve</span>
            </span>
            <span className="sync-detail">{conflicts.detail}</span>
          </span>
        </a>
      ) : null}
      <a
        className={`sync-indicator sync-tone-${summary.tone}${summary.progress ? ' sync-catching-up' : ''}`}
        href={paths.settingsSection('server')}
        onClick={openClinicServerSettings}
        data-sync-state={status.state}
        title={summary.tone === 'error' ? `${summary.headline} (Clinic server settings)` : 'Clinic server settings'}
      >
        <span className="sync-symbol" aria-hidden="true">
          {summary.symbol}
        </span>
        <span className="sync-words">
          <span className="sync-headline">{summary.headline}</span>
          {/* The header has room for two lines: a server's message, or a headline with a detail or a progress bar. */}
          {summary.progress ? (
            <SyncProgress progress={summary.progress} label="Downloading the clinic" />
          ) : summary.detail && summary.tone !== 'error' ? (
            <span className="sync-detail">{summary.detail}</span>
          ) : null}
          <span className="visually-hidden"> (Clinic server settings)</span>
        </span>
      </a>
      {/* Only the state is announced, not every new "Synced" time. A live region without the
          status role, so a screen's own status line stays the only one it has. */}
      <span className="visually-hidden" aria-live="polite">
        {STATE_ANNOUNCEMENT[status.state]}
        {conflicts ? `. ${conflicts.headline}` : ''}
      </span>
    </div>
  );
}

const STATE_ANNOUNCEMENT: Record<string, string> = {
  off: '',
  connecting: 'Connecting to the clinic server',
  online: 'Connected to the clinic server',
  offline: 'The clinic server cannot be reached; work is saved on this computer',
  error: 'The clinic server refused this computer; see Settings, Clinic server',
};
