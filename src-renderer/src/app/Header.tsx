/**
 * The clinic's name, how this computer syncs, and the time where the clinic is. A remote
 * assistant in another zone also sees their own time beside it, so "9:00" is never misread.
 */
import { useEffect, useState } from 'react';
import { formatDualTime, viewerTimeZone } from '../../../src-shared/domain/clock-display';
import { useClinicStore } from '../features/clinic/store';
import { SyncIndicator } from '../features/sync/SyncIndicator';

/** Re-render at each minute boundary (and when the tab wakes), so the clock never lags. */
function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      const t = Date.now();
      setNow(t);
      timer = setTimeout(tick, 60_000 - (t % 60_000) + 50);
    };
    timer = setTimeout(tick, 60_000 - (Date.now() % 60_000) + 50);
    const onVisible = () => {
      if (document.visibilityState === 'visible') setNow(Date.now());
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, []);
  return now;
}

export function Header() {
  const settings = useClinicStore((s) => s.settings);
  const now = useMinuteClock();
  const time = settings ? formatDualTime(now, settings.timeZone, viewerTimeZone()) : null;

  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-app">Infusion Desk</span>
        {settings ? <span className="brand-clinic">{settings.name}</span> : null}
      </div>
      <SyncIndicator />
      {time ? (
        <div className="clock" aria-live="off">
          <div className="clock-line">
            <span className="clock-label">{time.viewer ? 'Clinic time' : 'Time'}</span>{' '}
            <time className="clock-value" dateTime={new Date(now).toISOString()}>
              {time.clinic}
            </time>
          </div>
          {time.viewer ? (
            <div className="clock-line clock-viewer">
              <span className="clock-label">Your time</span> <span className="clock-value">{time.viewer}</span>
            </div>
          ) : null}
        </div>
      ) : null}
    </header>
  );
}
