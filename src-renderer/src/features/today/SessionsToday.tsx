/**
 * The day's infusion sessions by suite (suites in the clinic's order), with a day picker.
 * Reloads the same day whenever the backend says the schedule (or a name on it) changed,
 * and moves on to the new day at midnight when it was showing today (a wall display runs
 * for days).
 */
import { useEffect, useRef, useState } from 'react';
import { viewerTimeZone } from '../../../../src-shared/domain/clock-display';
import { todayInZone } from '../../../../src-shared/domain/dates';
import { addDays } from '../../lib/zoned-time';
import { api } from '../../api/client';
import { useClinicStore } from '../clinic/store';
import { ReasonDialog, type ReasonRequest } from './ReasonDialog';
import { SessionCard } from './SessionCard';
import type { DaySuite, SessionStatus } from './session-flow';
import { useSessionsStore } from './store';

const longDate = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' });
/** "Tuesday, March 4, 2025" for a calendar date (no zone: it is a date, not an instant). */
function dateWords(date: string): string {
  return longDate.format(Date.parse(`${date}T12:00:00Z`));
}

function relativeWord(date: string, today: string): string | null {
  if (date === today) return 'Today';
  if (date === addDays(today, -1)) return 'Yesterday';
  if (date === addDays(today, 1)) return 'Tomorrow';
  return null;
}

const IN_CLINIC: SessionStatus[] = ['arrived', 'iv_placed', 'infusing', 'recovery'];

function summary(suites: DaySuite[]): string {
  const all = suites.flatMap((s) => s.sessions);
  if (!all.length) return 'No sessions booked. Infusion series are planned from the patient’s chart: open the patient, then Plan a series.';
  const count = (list: SessionStatus[]) => all.filter((s) => list.includes(s.status)).length;
  const parts = [`${all.length} ${all.length === 1 ? 'session' : 'sessions'}`];
  const toCome = count(['scheduled']);
  const inClinic = count(IN_CLINIC);
  const discharged = count(['discharged']);
  const noShow = count(['no_show']);
  const cancelled = count(['cancelled']);
  if (toCome) parts.push(`${toCome} to arrive`);
  if (inClinic) parts.push(`${inClinic} in the clinic`);
  if (discharged) parts.push(`${discharged} discharged`);
  if (noShow) parts.push(`${noShow} no-show`);
  if (cancelled) parts.push(`${cancelled} cancelled`);
  return parts.join(' · ');
}

export function SessionsToday() {
  const settings = useClinicStore((s) => s.settings);
  const clinicStatus = useClinicStore((s) => s.status);
  const date = useSessionsStore((s) => s.date);
  const day = useSessionsStore((s) => s.day);
  const [reason, setReason] = useState<ReasonRequest | null>(null);
  const timeZone = settings?.timeZone ?? null;
  const today = timeZone ? todayInZone(timeZone) : null;

  // The first day shown is the clinic's today; a day picked earlier is kept.
  useEffect(() => {
    if (!timeZone) return;
    const s = useSessionsStore.getState();
    s.showDay(s.date ?? todayInZone(timeZone));
  }, [timeZone]);

  // Same day, fresh data: after any schedule change here or on another device, and when a
  // name on the board may have changed (a patient, a suite, a nurse).
  useEffect(() => {
    const refresh = () => useSessionsStore.getState().refresh();
    const offs = (['schedule.changed', 'patients.changed', 'clinic.changed'] as const).map((topic) => api.subscribe(topic, refresh));
    return () => offs.forEach((off) => off());
  }, []);

  // Past midnight, a board that was showing today shows the new today.
  const lastToday = useRef<string | null>(null);
  useEffect(() => {
    if (!timeZone) return;
    lastToday.current = todayInZone(timeZone);
    const timer = setInterval(() => {
      const now = todayInZone(timeZone);
      if (now !== lastToday.current) {
        const s = useSessionsStore.getState();
        if (s.date === lastToday.current) s.showDay(now);
        lastToday.current = now;
      }
    }, 60_000);
    return () => clearInterval(timer);
  }, [timeZone]);

  if (!timeZone || !today) {
    return (
      <section className="panel today-sessions" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Infusion sessions</h2>
        <p className="muted">{clinicStatus === 'error' ? 'The clinic settings could not be loaded.' : 'Loading…'}</p>
      </section>
    );
  }

  const shown = date ?? today;
  const relative = relativeWord(shown, today);
  const go = (d: string) => useSessionsStore.getState().showDay(d);
  const viewerZone = viewerTimeZone();

  return (
    <section className="today-sessions" aria-labelledby="sessions-heading">
      <div className="today-sessions-top">
        <div>
          <h2 id="sessions-heading" className="today-sessions-title">
            Infusion sessions{relative ? <span className="today-day-relative"> · {relative}</span> : null}
          </h2>
          <p className="today-sessions-date">{dateWords(shown)}</p>
        </div>
        <div className="today-day-picker" role="group" aria-label="Day shown">
          <button type="button" className="button" onClick={() => go(addDays(shown, -1))}>
            <span aria-hidden="true">‹</span> Previous day
          </button>
          <input
            type="date"
            aria-label="Date shown"
            value={shown}
            required
            onChange={(e) => {
              if (/^\d{4}-\d{2}-\d{2}$/.test(e.target.value)) go(e.target.value);
            }}
          />
          <button type="button" className="button" onClick={() => go(addDays(shown, 1))}>
            Next day <span aria-hidden="true">›</span>
          </button>
          {shown !== today ? (
            <button type="button" className="button button-primary" onClick={() => go(today)}>
              Back to today
            </button>
          ) : null}
        </div>
      </div>

      {day?.status === 'error' ? (
        <div className="form-alert" role="alert">
          <p>The sessions could not be loaded. {day.error}</p>
          <button type="button" className="button" onClick={() => useSessionsStore.getState().refresh()}>
            Try again
          </button>
        </div>
      ) : null}

      {!day || (day.status === 'loading' && !day.data) ? <p className="muted">Loading the sessions…</p> : null}

      {day?.data ? (
        day.data.length === 0 ? (
          <p className="notice">
            No suites are set up yet. Add the infusion suites in <a href="#/settings/suites">Settings › Suites and closures</a>; their sessions appear here.
          </p>
        ) : (
          <>
            <p className="today-summary" aria-live="polite">
              {summary(day.data)}
            </p>
            <div className="today-board">
              {day.data.map((suite) => (
                <section key={suite.suiteId} className="today-suite" aria-labelledby={`suite-${suite.suiteId}`}>
                  <h3 className="today-suite-name" id={`suite-${suite.suiteId}`}>
                    {suite.suiteName}
                  </h3>
                  {suite.sessions.length === 0 ? (
                    <p className="today-suite-free">No sessions</p>
                  ) : (
                    suite.sessions.map((s) => (
                      <SessionCard key={s.id} session={s} timeZone={timeZone} viewerZone={viewerZone} askReason={setReason} />
                    ))
                  )}
                </section>
              ))}
            </div>
          </>
        )
      ) : null}

      <ReasonDialog request={reason} onClose={() => setReason(null)} />
    </section>
  );
}
