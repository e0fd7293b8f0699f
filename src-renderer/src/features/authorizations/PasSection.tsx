/**
 * The electronic form on the request page: download the request as a Da Vinci PAS bundle
 * (authorizations.exportPas; a refusal names what is missing and where to add it), and read the
 * payer's ClaimResponse file (authorizations.importClaimResponse), saying what it did in words:
 * approved, denied, pending, needs review, or nothing changed (the same response twice).
 */
import { useRef, useState, type ChangeEvent } from 'react';
import type { AuthorizationDetail } from '../../../../src-shared/api/schemas/authorization-request';
import { api } from '../../api/client';
import { FormAlert, SelectField } from '../../components/Field';
import { errorText } from '../../lib/errors';
import { downloadText } from '../documents/download';
import './letters-pas-due.css';

/** CMS place-of-service codes an infusion clinic uses. */
const PLACES = [
  { value: '11', label: '11 · Office' },
  { value: '49', label: '49 · Independent clinic' },
  { value: '19', label: '19 · Off-campus outpatient hospital' },
  { value: '22', label: '22 · On-campus outpatient hospital' },
  { value: '24', label: '24 · Ambulatory surgical center' },
];

export function PasSection({ auth, onChanged }: { auth: AuthorizationDetail; onChanged: () => void }) {
  const [place, setPlace] = useState('11');
  const [exported, setExported] = useState<{ text: string; warnings: string[] } | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const [imported, setImported] = useState<{ message: string; changed: boolean } | null>(null);
  const [importError, setImportError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);

  const exportPas = async () => {
    if (busy) return;
    setBusy(true);
    setExportError(null);
    try {
      const out = await api.call('authorizations.exportPas', { id: auth.id, placeOfService: place });
      downloadText(out.json, out.fileName, 'application/fhir+json');
      const records = out.documents === 1 ? '1 supporting record' : `${out.documents} supporting records`;
      setExported({ text: `Downloaded ${out.fileName}: ${out.resources} entries, ${records}.`, warnings: out.warnings });
    } catch (err) {
      setExported(null);
      setExportError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const importFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file || busy) return;
    setBusy(true);
    setImportError(null);
    setImported(null);
    try {
      const json = await file.text();
      const out = await api.call('authorizations.importClaimResponse', { authorizationId: auth.id, json });
      setImported({ message: out.message, changed: out.changed });
      if (out.changed) onChanged();
    } catch (err) {
      setImportError(`${file.name}: ${errorText(err)}`);
    } finally {
      setBusy(false);
      // The same file can be chosen again (a second import changes nothing, and says so).
      if (fileRef.current) fileRef.current.value = '';
    }
  };

  return (
    <section className="panel pas-section" aria-labelledby="pas-heading">
      <h2 id="pas-heading">Electronic request (PAS)</h2>
      <p className="field-hint">For payers that take prior authorization electronically (HL7 Da Vinci PAS): send the file, then read their answer back here.</p>
      <div className="pas-actions">
        <SelectField id="pas-place" label="Place of service" value={place} onChange={setPlace} options={PLACES} />
        <button type="button" className="button" onClick={() => void exportPas()} disabled={busy}>
          Download electronic request (JSON)
        </button>
        <div className="field">
          <label htmlFor="pas-response">Payer’s response (ClaimResponse JSON file)</label>
          <input
            id="pas-response"
            ref={fileRef}
            type="file"
            accept=".json,application/json,application/fhir+json"
            onChange={(e) => void importFile(e)}
            disabled={busy}
            aria-describedby="pas-response-hint"
          />
          <span id="pas-response-hint" className="field-hint">
            Approved, denied or pending is recorded in the history; anything unclear is marked for review, never approved.
          </span>
        </div>
      </div>
      {exportError ? <FormAlert message={`The electronic request could not be made. ${exportError}`} /> : null}
      {exported ? (
        <div className="pas-result" role="status">
          <p>{exported.text}</p>
          {exported.warnings.length ? (
            <ul>
              {exported.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {importError ? <FormAlert message={`The response was not recorded. ${importError}`} /> : null}
      {imported ? (
        <p className={`pas-result${imported.changed ? ' pas-result-changed' : ''}`} role="status" data-testid="pas-import-result">
          {imported.message}
        </p>
      ) : null}
    </section>
  );
}
