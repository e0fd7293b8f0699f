/**
 * "Calendar file (.ics)": the series' booked sessions as a file the patient can open in
 * their own calendar (or that staff attach to an e-mail). Saved to the computer like the
 * chart's documents.
 */
import { useState } from 'react';
import { api } from '../../api/client';
import { errorText } from '../../lib/errors';
import { downloadText } from '../documents/download';

export function SeriesCalendarFileButton({ seriesId, className = 'button button-small' }: { seriesId: string; className?: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const file = await api.call('reminders.seriesIcs', { seriesId });
      downloadText(file.text, file.fileName, `${file.mimeType};charset=utf-8`);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <span className="series-ics">
      <button type="button" className={className} onClick={() => void save()} disabled={busy} title="The booked sessions of this series, for the patient’s own calendar">
        {busy ? 'Making the calendar file…' : 'Calendar file (.ics)'}
      </button>
      {error ? (
        <span className="error-text small" role="alert">
          {' '}
          {error}
        </span>
      ) : null}
    </span>
  );
}
