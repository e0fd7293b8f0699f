/**
 * The decisions report of a period on the Authorizations workspace (authorizations.report): how
 * many requests the payers decided and denied, by payer with the days from submission to
 * decision, the denial reasons and policies cited, and the approvals whose last day falls in the
 * period; and the same decisions as CSV (authorizations.reportCsv). Every figure comes from the
 * API; this screen only writes shares as percents.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuthorizationReport } from '../../../../src-shared/api/schemas/authorization-lifecycle';
import { formatCalendarDate, todayInZone } from '../../../../src-shared/domain/dates';
import { api } from '../../api/client';
import { FormAlert, TextField } from '../../components/Field';
import { Flash } from '../../components/Flash';
import { useFlash } from '../../components/useFlash';
import { errorText } from '../../lib/errors';
import { readTypedDate } from '../../lib/typed-date';
import { addDays } from '../../lib/zoned-time';
import { useClinicTimeZone } from '../clinic/store';
import { downloadText } from '../documents/download';
import { daysText, headlineText, percentText, periodText, sessionsText } from './report-format';
import './decisions-report.css';

type Period = { from: string; to: string };
type Errors = { from?: string; to?: string; general?: string };

/** The period's fields read as the desk types them; refusals go beside their field. */
function readPeriod(fromText: string, toText: string): { ok: true; period: Period } | { ok: false; errors: Errors } {
  const f = readTypedDate(fromText, 'first day of the period', true);
  const t = readTypedDate(toText, 'last day of the period', true);
  const errors: Errors = {};
  if (!f.ok) errors.from = f.message;
  if (!t.ok) errors.to = t.message;
  if (!f.ok || !t.ok || !f.value || !t.value) return { ok: false, errors };
  return { ok: true, period: { from: f.value, to: t.value } };
}

/** A refusal from the API: beside the field it names (from / to), or above the report. */
function refusal(err: unknown): Errors {
  const field = (err as { field?: string }).field;
  const text = errorText(err);
  return field === 'to' ? { to: text } : field === 'from' ? { from: text } : { general: text };
}

export function DecisionsReport() {
  const zone = useClinicTimeZone();
  const [today] = useState(() => todayInZone(zone));
  const [fromText, setFromText] = useState(() => formatCalendarDate(addDays(today, -90)));
  const [toText, setToText] = useState(() => formatCalendarDate(today));
  const [errors, setErrors] = useState<Errors>({});
  const [report, setReport] = useState<AuthorizationReport | null>(null);
  const [loading, setLoading] = useState(false);
  const [csvBusy, setCsvBusy] = useState(false);
  const [flash, showFlash] = useFlash();
  // The period on screen (refreshed when a decision is recorded elsewhere), and the latest call:
  // an older answer arriving late never replaces a newer one.
  const shown = useRef<Period | null>(null);
  const latest = useRef(0);

  const load = useCallback(async (period: Period) => {
    const call = ++latest.current;
    setLoading(true);
    try {
      const out = await api.call('authorizations.report', period);
      if (call !== latest.current) return;
      shown.current = period;
      setReport(out);
      setErrors({});
    } catch (err) {
      if (call === latest.current) setErrors(refusal(err));
    } finally {
      if (call === latest.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load({ from: addDays(today, -90), to: today });
    const off = api.subscribe('schedule.changed', () => {
      if (shown.current) void load(shown.current);
    });
    return off;
  }, [load, today]);

  const show = () => {
    const read = readPeriod(fromText, toText);
    if (!read.ok) return setErrors(read.errors);
    void load(read.period);
  };

  const download = async () => {
    const read = readPeriod(fromText, toText);
    if (!read.ok) return setErrors(read.errors);
    setErrors({});
    setCsvBusy(true);
    try {
      const out = await api.call('authorizations.reportCsv', read.period);
      downloadText(out.text, out.fileName, out.mimeType);
      showFlash(`Report downloaded: ${out.count} request${out.count === 1 ? '' : 's'} decided`);
    } catch (err) {
      setErrors(refusal(err));
    } finally {
      setCsvBusy(false);
    }
  };

  return (
    <section className="panel decisions-report" aria-labelledby="decisions-report-heading">
      <div className="panel-heading auth-panel-heading">
        <h2 id="decisions-report-heading">Decisions report</h2>
      </div>
      <p className="field-hint">
        Each request counts once, on the day of the payer’s first decision. Days to decision run from the day it was first sent.
      </p>
      <form
        className="report-period"
        aria-label="Report period"
        onSubmit={(e) => {
          e.preventDefault();
          show();
        }}
      >
        <TextField id="report-from" label="Report from" value={fromText} onChange={setFromText} error={errors.from} placeholder="MM/DD/YYYY" maxLength={10} className="field-date" />
        <TextField id="report-to" label="to" value={toText} onChange={setToText} error={errors.to} placeholder="MM/DD/YYYY" maxLength={10} className="field-date" />
        <button type="submit" className="button button-primary">
          Show report
        </button>
        <button type="button" className="button" onClick={() => void download()} disabled={csvBusy}>
          Download decisions report (CSV)
        </button>
        <Flash message={flash} />
      </form>
      {errors.general ? <FormAlert message={`The report could not be read. ${errors.general}`} /> : null}
      {!report && loading ? <p className="muted">Loading the report…</p> : null}
      {report ? <ReportBody report={report} loading={loading} /> : null}
    </section>
  );
}

function ReportBody({ report, loading }: { report: AuthorizationReport; loading: boolean }) {
  const turnaround = new Map(report.turnaroundByPayer.map((t) => [t.payerName, t]));
  return (
    <div className="report-body" aria-busy={loading}>
      <p className="report-headline" data-testid="report-headline">
        <span className="report-period-words">{periodText(report.from, report.to)}:</span> {headlineText(report.decided, report.denied)}
      </p>
      {report.decided > 0 ? (
        <>
          <h3 id="report-payers-heading">By payer</h3>
          <div className="auth-table-wrap">
            <table className="data-table report-table" aria-labelledby="report-payers-heading">
              <thead>
                <tr>
                  <th scope="col">Payer</th>
                  <th scope="col" className="num">
                    Decided
                  </th>
                  <th scope="col" className="num">
                    Approved
                  </th>
                  <th scope="col" className="num">
                    Partly approved
                  </th>
                  <th scope="col" className="num">
                    Denied
                  </th>
                  <th scope="col" className="num">
                    Denial rate
                  </th>
                  <th scope="col" className="num">
                    Median days to decision
                  </th>
                  <th scope="col" className="num">
                    90th percentile days
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.byPayer.map((p) => {
                  const t = turnaround.get(p.payerName);
                  return (
                    <tr key={p.payerName} data-testid="report-payer-row">
                      <th scope="row">{p.payerName}</th>
                      <td className="num">{p.decided}</td>
                      <td className="num">{p.approved}</td>
                      <td className="num">{p.partiallyApproved}</td>
                      <td className="num">{p.denied}</td>
                      <td className="num">
                        <strong>{percentText(p.denialRate)}</strong>
                      </td>
                      <td className="num">{t ? daysText(t.medianDays) : <NotKnown />}</td>
                      <td className="num">{t ? daysText(t.p90Days) : <NotKnown />}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div className="report-groups">
            <GroupTable id="report-reasons" title="Denial reasons" column="Reason" rows={report.byReason} />
            <GroupTable id="report-policies" title="Policies cited" column="Policy" rows={report.byPolicy} />
          </div>
        </>
      ) : null}

      <h3 id="report-expiring-heading">Approvals ending in this period</h3>
      {report.expiring.length === 0 ? (
        <p className="muted">No approvals end in this period.</p>
      ) : (
        <div className="auth-table-wrap">
          <table className="data-table report-table" aria-labelledby="report-expiring-heading">
            <thead>
              <tr>
                <th scope="col">Patient</th>
                <th scope="col">Payer</th>
                <th scope="col">Auth number</th>
                <th scope="col">Last day</th>
                <th scope="col">Sessions</th>
              </tr>
            </thead>
            <tbody>
              {report.expiring.map((a) => (
                <tr key={a.authorizationId} data-testid="report-expiring-row">
                  <th scope="row">
                    <a href={`#/authorizations/${a.authorizationId}`}>{a.patientName}</a>
                  </th>
                  <td>{a.payerName ?? <span className="muted">Not recorded</span>}</td>
                  <td className="mono">{a.authNumber ?? <span className="muted">None</span>}</td>
                  <td>{formatCalendarDate(a.endDate)}</td>
                  <td>{sessionsText(a.sessionsUsed, a.sessionsBooked, a.approvedSessions)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function GroupTable({ id, title, column, rows }: { id: string; title: string; column: string; rows: AuthorizationReport['byReason'] }) {
  return (
    <div className="report-group">
      <h3 id={`${id}-heading`}>{title}</h3>
      {rows.length === 0 ? (
        <p className="muted">No denials in this period.</p>
      ) : (
        <table className="data-table report-table" aria-labelledby={`${id}-heading`} data-testid={id}>
          <thead>
            <tr>
              <th scope="col">{column}</th>
              <th scope="col" className="num">
                Denials
              </th>
              <th scope="col" className="num">
                Share
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.label}>
                <th scope="row">{r.label}</th>
                <td className="num">{r.count}</td>
                <td className="num">{percentText(r.share)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** No submission date known for any of the payer's decisions: said, not left blank. */
function NotKnown() {
  return (
    <>
      <span aria-hidden="true">–</span>
      <span className="visually-hidden">not known</span>
    </>
  );
}
