/**
 * Settings › Clinic: changing the clinic's time zone. Everything booked ahead keeps its local
 * time (a 7:00 AM session stays at 7:00 AM in the new zone); before anything changes, a
 * dialog says how many sessions, consultations and closures that is, with the first session
 * as an example, and the change is made only on confirmation (settings.changeTimeZone).
 */
import { useMemo, useState } from 'react';
import type { MethodOutput } from '../../../../src-shared/api/contract';
import { formatInstantDay, formatTime } from '../../../../src-shared/domain/clock-display';
import { zoneChangeTotal, zoneChangeWords } from '../../../../src-shared/domain/clinic/zone-change-words';
import { api } from '../../api/client';
import { FormAlert } from '../../components/Field';
import { Flash } from '../../components/Flash';
import { useFlash } from '../../components/useFlash';
import { errorText } from '../../lib/errors';
import { zoneOption, zoneOptions } from '../../lib/timezones';
import { useCan } from '../auth/store';
import { useClinicStore } from '../clinic/store';

type Impact = MethodOutput<'settings.timeZoneImpact'>;

const zoneName = (z: string) => z.replace(/_/g, ' ');

export function TimeZoneChange() {
  const settings = useClinicStore((s) => s.settings);
  const canWrite = useCan('settings.write');
  const [toZone, setToZone] = useState('');
  const [filter, setFilter] = useState('');
  const [impact, setImpact] = useState<Impact | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [flash, showFlash] = useFlash(10000);

  const all = zoneOptions();
  const regions = useMemo(() => {
    const f = filter.trim().toLowerCase().replace(/_/g, ' ');
    const list = f ? all.filter((z) => z.search.includes(f)) : all;
    const shown = toZone && !list.some((z) => z.value === toZone) ? [zoneOption(toZone), ...list] : list;
    const map = new Map<string, typeof shown>();
    for (const z of shown) map.set(z.region, [...(map.get(z.region) ?? []), z]);
    return [...map.entries()];
  }, [all, filter, toZone]);

  if (!settings) return null;
  const fromZone = settings.timeZone;
  const format = settings.timeFormat;

  const ask = async () => {
    setBusy(true);
    setError(null);
    try {
      setImpact(await api.call('settings.timeZoneImpact', { timeZone: toZone }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!impact) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api.call('settings.changeTimeZone', { timeZone: impact.toZone, expectedVersion: settings.version });
      useClinicStore.getState().setSettings(r.settings);
      setImpact(null);
      setToZone('');
      showFlash(
        zoneChangeTotal(r.impact)
          ? `The clinic is now on ${zoneName(r.impact.toZone)} time. ${cap(zoneChangeWords(r.impact))} kept their local times.`
          : `The clinic is now on ${zoneName(r.impact.toZone)} time.`,
      );
    } catch (e) {
      setImpact(null);
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const ex = impact?.example ?? null;

  return (
    <section className="panel time-zone-change" aria-labelledby="time-zone-change-heading">
      <div className="panel-heading">
        <h2 id="time-zone-change-heading">Change the clinic’s time zone</h2>
        <Flash message={flash} />
      </div>
      <p>
        The clinic works in <strong>{zoneName(fromZone)}</strong> time. When it changes, everything booked ahead keeps its local time: a
        session at {formatTime(Date.UTC(2026, 0, 15, 7, 0), 'UTC', format)} stays at {formatTime(Date.UTC(2026, 0, 15, 7, 0), 'UTC', format)} in the
        new zone. You see how many bookings that is before anything changes.
      </p>
      <FormAlert message={error} />
      <div className="field-row">
        <div className="field">
          <label htmlFor="tz-change-zone" className="field-label">
            New time zone
          </label>
          <select id="tz-change-zone" value={toZone} onChange={(e) => setToZone(e.target.value)} disabled={!canWrite || busy}>
            <option value="">Choose a time zone</option>
            {regions.map(([region, zones]) => (
              <optgroup key={region} label={region}>
                {zones.map((z) => (
                  <option key={z.value} value={z.value} disabled={z.value === fromZone}>
                    {z.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="tz-change-filter" className="field-label">
            Narrow the list
          </label>
          <input id="tz-change-filter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Denver, Europe…" />
        </div>
      </div>
      <div className="form-actions">
        <button type="button" className="button" disabled={!canWrite || busy || !toZone || toZone === fromZone} onClick={() => void ask()}>
          Change time zone…
        </button>
      </div>
      {impact ? (
        <div className="dialog-backdrop">
          <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="tz-change-title" aria-describedby="tz-change-what">
            <h2 id="tz-change-title">
              Change the time zone to {zoneName(impact.toZone)}?
            </h2>
            <div id="tz-change-what">
              {zoneChangeTotal(impact) ? (
                <>
                  <p>
                    <strong>{cap(zoneChangeWords(impact))}</strong> {zoneChangeTotal(impact) === 1 ? 'lies' : 'lie'} ahead. They keep their local
                    times: nothing moves on the clinic’s clock.
                  </p>
                  {ex ? (
                    <p>
                      For example, the session on {formatInstantDay(ex.before, impact.fromZone, { weekday: true })} at{' '}
                      {formatTime(ex.before, impact.fromZone, format)} stays at {formatTime(ex.after, impact.toZone, format)}, now{' '}
                      {zoneName(impact.toZone)} time.
                    </p>
                  ) : null}
                  <p>Reminders not yet sent and calendar files follow the kept times. Sessions that already happened are not changed.</p>
                </>
              ) : (
                <p>Nothing is booked ahead, so only the zone changes.</p>
              )}
            </div>
            <div className="form-actions">
              <button type="button" className="button button-primary" disabled={busy} onClick={() => void confirm()}>
                {zoneChangeTotal(impact) ? 'Change the zone and keep local times' : 'Change the zone'}
              </button>
              <button type="button" className="button" disabled={busy} onClick={() => setImpact(null)}>
                Cancel
              </button>
            </div>
          </div>
        </div>
      ) : null}
    </section>
  );
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
