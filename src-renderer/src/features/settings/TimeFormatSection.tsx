/**
 * Settings › Clinic: how every screen writes a time, the clinic's one choice: 12-hour ("9:00 AM")
 * or 24-hour ("09:00"). Saved on its own, with the rest of the clinic's settings as they are.
 */
import { useState } from 'react';
import { TIME_FORMATS, formatTime, type TimeFormat } from '../../../../src-shared/domain/clock-display';
import { api } from '../../api/client';
import { FormAlert } from '../../components/Field';
import { Flash } from '../../components/Flash';
import { useFlash } from '../../components/useFlash';
import { errorText } from '../../lib/errors';
import { useCan } from '../auth/store';
import { useClinicStore } from '../clinic/store';

// An afternoon example shows the difference best: 6:00 PM / 18:00.
const EXAMPLE = Date.UTC(2026, 0, 15, 18, 0);
const LABELS: Record<TimeFormat, string> = { '12h': '12-hour', '24h': '24-hour' };

export function TimeFormatSection() {
  const settings = useClinicStore((s) => s.settings);
  const canWrite = useCan('settings.write');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [flash, showFlash] = useFlash(6000);
  if (!settings) return null;

  const choose = async (timeFormat: TimeFormat) => {
    if (timeFormat === settings.timeFormat) return;
    setBusy(true);
    setError(null);
    try {
      const { name, timeZone, openingHours, version } = settings;
      const saved = await api.call('settings.update', { name, timeZone, openingHours, timeFormat, expectedVersion: version });
      useClinicStore.getState().setSettings(saved);
      showFlash(`Saved: times read like ${formatTime(EXAMPLE, 'UTC', saved.timeFormat)}`);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="time-format-heading">
      <div className="panel-heading">
        <h2 id="time-format-heading">Time format</h2>
        <Flash message={flash} />
      </div>
      <FormAlert message={error} />
      <fieldset className="time-format-choice" disabled={busy || !canWrite}>
        <legend>How every screen writes a time</legend>
        {TIME_FORMATS.map((f) => (
          <div key={f} className="radio-choice">
            <input id={`time-format-${f}`} type="radio" name="time-format" value={f} checked={settings.timeFormat === f} onChange={() => void choose(f)} />{' '}
            <label htmlFor={`time-format-${f}`}>
              {LABELS[f]}, like {formatTime(EXAMPLE, 'UTC', f)}
            </label>
          </div>
        ))}
      </fieldset>
      <p className="field-hint">
        Schedules, series, reminders and outcomes all use it. A viewer in another time zone also sees their own time, with its date
        when it falls on another day.
      </p>
    </section>
  );
}
