/**
 * The clinic's name, how this computer syncs, the time where the clinic is, and who is signed
 * in (their menu: lock, switch user, change password, sign out). A remote assistant in another
 * zone also sees their own time beside it, so "9:00" is never misread. A wall board's account
 * reads nothing but the board, so it gets neither the clinic's settings nor the sync status.
 */
import { useEffect, useState } from 'react';
import { formatDualTime, viewerTimeZone } from '../../../src-shared/domain/clock-display';
import { useCan } from '../features/auth/store';
import { UserMenu } from '../features/auth/UserMenu';
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
  const readsClinic = useCan('clinic.read');
  const settings = useClinicStore((s) => (readsClinic ? s.settings : null));
  const now = useMinuteClock();
  const time = settings ? formatDualTime(now, settings.timeZone, viewerTimeZone()) : null;

  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-app">Infusion Desk</span>
        {settings ? <span className="brand-clinic">{settings.name}</span> : null}
      </div>
      {readsClinic ? <SyncIndicator /> : null}
      <div className="header-end">
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
        <UserMenu />
      </div>
    </header>
  );
}
