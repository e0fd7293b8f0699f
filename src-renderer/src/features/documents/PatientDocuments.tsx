/**
 * The patient's documents on the chart, and the button that writes the physician's intake
 * summary (PDF) into the record. "Open" saves the file to the computer.
 */
import { useEffect, useState } from 'react';
import type { DocumentInfo } from '../../../../src-shared/api/schemas/documents';
import { api } from '../../api/client';
import { DualTime } from '../../components/DualTime';
import { Flash } from '../../components/Flash';
import { useFlash } from '../../components/useFlash';
import { errorText } from '../../lib/errors';
import { useClinicTimeZone } from '../clinic/store';
import { useDocumentsStore } from './store';
import { downloadBase64 } from './download';

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function PatientDocuments({ patientId }: { patientId: string }) {
  const entry = useDocumentsStore((s) => s.byPatient[patientId]);
  const timeZone = useClinicTimeZone();
  const [flash, showFlash] = useFlash(8000);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fresh, setFresh] = useState<string | null>(null);

  useEffect(() => {
    void useDocumentsStore.getState().load(patientId);
  }, [patientId]);

  const generate = async () => {
    setBusy(true);
    setError(null);
    try {
      const doc = await api.call('documents.generateIntakeSummary', { patientId });
      setFresh(doc.id);
      showFlash('Summary saved to the patient’s record');
      await useDocumentsStore.getState().load(patientId);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const items = entry?.items ?? [];
  return (
    <section className="panel documents-panel" aria-labelledby="documents-heading">
      <div className="panel-heading">
        <h2 id="documents-heading">Documents</h2>
        <Flash message={flash} />
        <button type="button" className="button" onClick={() => void generate()} disabled={busy}>
          {busy ? 'Writing the summary…' : 'Physician summary (PDF)'}
        </button>
      </div>
      <p className="field-hint">The physician summary collects the intake on one or two pages, for the first consultation and the payer package.</p>
      {error ? (
        <p className="form-alert" role="alert">
          {error}
        </p>
      ) : null}
      {entry?.status === 'error' ? (
        <p className="error-text" role="alert">
          The documents could not be listed. {entry.error}
        </p>
      ) : null}
      {!entry || entry.status === 'loading' ? (
        <p className="muted">Loading documents…</p>
      ) : items.length === 0 ? (
        <p className="muted">No documents yet.</p>
      ) : (
        <ul className="document-list">
          {items.map((d) => (
            <DocumentRow key={d.id} doc={d} zone={timeZone} isNew={d.id === fresh} />
          ))}
        </ul>
      )}
    </section>
  );
}

function DocumentRow({ doc, zone, isNew }: { doc: DocumentInfo; zone: string; isNew: boolean }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const open = async () => {
    setBusy(true);
    setError(null);
    try {
      const content = await api.call('documents.read', { id: doc.id });
      downloadBase64(content.base64, content.fileName, content.mimeType);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className={`document${isNew ? ' is-new' : ''}`}>
      <div className="document-main">
        <span className="document-title">{doc.title}</span>
        <span className="muted small">
          <DualTime instant={doc.createdAt} zone={zone} /> · {doc.mimeType === 'application/pdf' ? 'PDF' : doc.mimeType} · {sizeText(doc.sizeBytes)}
        </span>
        {error ? (
          <span className="error-text" role="alert">
            {error}
          </span>
        ) : null}
      </div>
      <button type="button" className="button button-small" onClick={() => void open()} disabled={busy}>
        Open<span className="visually-hidden"> {doc.title}</span>
      </button>
    </li>
  );
}
