/** The patient's prior records on the chart, grouped by type, each one opening the original. */
import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../../src-shared/api/contract';
import { DualTime } from '../../components/DualTime';
import { errorText } from '../../lib/errors';
import { useClinicTimeZone } from '../clinic/store';
import { MATCH_LABELS, readText } from './labels';
import { openRecordFile } from './open-record';
import { ensureRecordsLive, patientRecords, useRecordsStore } from './store';

type Groups = MethodOutput<'records.listForPatient'>['groups'];

export function PatientRecords({ patientId }: { patientId: string }) {
  const version = useRecordsStore((s) => s.version);
  const zone = useClinicTimeZone();
  const [groups, setGroups] = useState<Groups | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    ensureRecordsLive();
  }, []);

  useEffect(() => {
    let current = true;
    patientRecords(patientId).then(
      (out) => {
        if (!current) return;
        setGroups(out.groups);
        setError(null);
      },
      (err: unknown) => current && setError(errorText(err)),
    );
    return () => {
      current = false;
    };
  }, [patientId, version]);

  const count = groups?.reduce((n, g) => n + g.items.length, 0) ?? 0;
  return (
    <section className="panel records-chart" aria-labelledby="records-chart-heading">
      <div className="panel-heading">
        <h2 id="records-chart-heading">Prior records</h2>
      </div>
      {error ? (
        <p className="error-text" role="alert">
          The prior records could not be listed. {error}
        </p>
      ) : null}
      {!groups ? (
        error ? null : <p className="muted">Loading prior records…</p>
      ) : count === 0 ? (
        <p className="muted">
          No prior records are attached to this patient. Records from the watched folders are matched on the <a href="#/documents">Documents</a>{' '}
          screen.
        </p>
      ) : (
        groups
          .filter((g) => g.items.length > 0)
          .map((g) => (
            <section key={g.docType} className="records-chart-group" aria-label={g.label}>
              <h3 className="small-heading">
                {g.label} ({g.items.length})
              </h3>
              <ul className="document-list">
                {g.items.map((r) => (
                  <ChartRecord key={r.id} id={r.id} name={r.fileName} received={r.receivedAt} zone={zone} facts={[readText(r), MATCH_LABELS[r.match.state]].filter(Boolean).join(' · ')} />
                ))}
              </ul>
            </section>
          ))
      )}
    </section>
  );
}

function ChartRecord({ id, name, received, zone, facts }: { id: string; name: string; received: number; zone: string; facts: string }) {
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  return (
    <li className="document">
      <div className="document-main">
        <span className="document-title">{name}</span>
        <span className="muted small">
          Received <DualTime instant={received} zone={zone} /> · {facts}
        </span>
        {note ? <span className="small">{note}</span> : null}
        {error ? (
          <span className="error-text" role="alert">
            {error}
          </span>
        ) : null}
      </div>
      <button
        type="button"
        className="button button-small"
        onClick={() =>
          void openRecordFile(id).then(
            (n) => setNote(n),
            (err: unknown) => setError(errorText(err)),
          )
        }
      >
        Open<span className="visually-hidden"> {name}</span>
      </button>
    </li>
  );
}
