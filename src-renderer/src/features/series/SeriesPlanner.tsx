/**
 * Plan a series for the patient: template, payment (an approved authorization or self-pay),
 * earliest start and preferences; the planner proposes a complete series and alternatives
 * (earliest finish, preferred days or time, same suite) or says plainly why none fits. One
 * click books every session of the chosen proposal, or none.
 */
import { useEffect, useMemo, useState } from 'react';
import type { MethodOutput } from '../../../../src-shared/api/contract';
import { zonedToInstant } from '../../../../src-shared/domain/zoned-time';
import { todayInZone } from '../../../../src-shared/domain/dates';
import { api } from '../../api/client';
import { errorText } from '../../lib/errors';
import { useClinicStore, useClinicTimeZone } from '../clinic/store';
import { IntakeReviewNotice } from '../intake/ReviewNotice';
import { spanText } from './format';
import { authorizationName, authorizationProblem, paymentStart, sessionsLeft } from './payment-default';
import { useSeriesStore } from './store';

type Templates = MethodOutput<'series.templates.list'>;
type Auths = MethodOutput<'authorizations.listForPatient'>;
type Proposed = MethodOutput<'series.propose'>;

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const KIND_LABEL: Record<string, string> = { earliest_finish: 'Earliest finish', preferred: 'Preferred days and time', same_suite: 'Same suite throughout' };

export function SeriesPlanner({ patientId, onClose }: { patientId: string; onClose: () => void }) {
  const zone = useClinicTimeZone();
  const suites = useClinicStore((s) => s.suites).filter((s) => s.active);
  const [templates, setTemplates] = useState<Templates>([]);
  const [auths, setAuths] = useState<Auths>([]);
  const [templateId, setTemplateId] = useState('');
  const [payment, setPayment] = useState<string>(''); // authorization id, 'self', or '' until chosen
  // A second authorization the sessions also draw on (the drug's beside the administration's).
  const [also, setAlso] = useState('');
  // When no authorization covers the series: said plainly, and nothing is chosen for the desk.
  const [paymentNotice, setPaymentNotice] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [weekdays, setWeekdays] = useState<number[]>([]);
  const [timeOfDay, setTimeOfDay] = useState<'' | 'morning' | 'afternoon'>('');
  const [suiteId, setSuiteId] = useState('');
  const [result, setResult] = useState<Proposed | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void Promise.all([
      api.call('series.templates.list', {}),
      api.call('authorizations.listForPatient', { patientId }),
      api.call('patients.get', { id: patientId }),
    ]).then(
      ([t, a, p]) => {
        const active = t.filter((x) => x.active);
        setTemplates(active);
        setTemplateId((cur) => cur || active[0]?.id || '');
        setAuths(a);
        const start = paymentStart(a, p.coverages, todayInZone(zone), zone, active[0]?.sessionCount ?? 1);
        setPayment((cur) => cur || start.payment);
        setPaymentNotice(start.notice);
      },
      (e: unknown) => setError(errorText(e)),
    );
  }, [patientId, zone]);
  const today = todayInZone(zone);

  // Usable authorizations other than the one paying: offered as a second one only when there is one.
  const alsoChoices = payment && payment !== 'self' ? auths.filter((a) => a.id !== payment && authorizationProblem(a, today, zone) === null) : [];
  const suiteNames = useMemo(() => new Map(suites.map((s) => [s.id, s.name])), [suites]);
  const payload = () => ({
    patientId,
    templateId,
    ...(payment === 'self' ? { selfPay: true } : { authorizationId: payment, selfPay: false, ...(alsoChoices.some((a) => a.id === also) ? { alsoAuthorizationId: also } : {}) }),
  });

  const propose = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const preferences = {
        ...(weekdays.length ? { weekdays } : {}),
        ...(timeOfDay ? { timeOfDay } : {}),
        ...(suiteId ? { suiteId } : {}),
      };
      setResult(
        await api.call('series.propose', {
          ...payload(),
          ...(from ? { from: zonedToInstant(zone, from, '00:00') } : {}),
          ...(Object.keys(preferences).length ? { preferences } : {}),
        }),
      );
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const book = async (p: Proposed['proposals'][number]) => {
    setBusy(true);
    setError(null);
    try {
      await api.call('series.book', { ...payload(), sessions: p.sessions });
      await useSeriesStore.getState().load(patientId);
      onClose();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const toggleDay = (d: number) => setWeekdays((w) => (w.includes(d) ? w.filter((x) => x !== d) : [...w, d].sort()));

  return (
    <section className="subform series-planner" aria-label="Plan a series">
      <h3 className="small-heading">Plan a series</h3>
      <IntakeReviewNotice patientId={patientId} />
      <div className="field-row">
        <label className="field">
          <span className="field-label">Series template</span>
          <select value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
            {templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Paid by</span>
          <select value={payment} onChange={(e) => setPayment(e.target.value)} aria-describedby={paymentNotice ? 'series-payment-notice' : undefined}>
            <option value="" disabled>
              Not chosen yet
            </option>
            {auths.map((a) => {
              const problem = authorizationProblem(a, today, zone);
              return (
                <option key={a.id} value={a.id} disabled={problem !== null}>
                  {authorizationName(a)}
                  {problem ? ` · ${problem}` : ` · ${sessionsLeft(a)} of ${a.approvedSessions} sessions left`}
                  {a.startDate && a.endDate ? ` · ${a.startDate} to ${a.endDate}` : ''}
                </option>
              );
            })}
            <option value="self">Self-pay</option>
          </select>
        </label>
        {alsoChoices.length ? (
          <label className="field">
            <span className="field-label">Also under (optional)</span>
            <select value={alsoChoices.some((a) => a.id === also) ? also : ''} onChange={(e) => setAlso(e.target.value)} aria-describedby="series-also-hint">
              <option value="">No second authorization</option>
              {alsoChoices.map((a) => (
                <option key={a.id} value={a.id}>
                  {authorizationName(a)} · {sessionsLeft(a)} of {a.approvedSessions} sessions left
                  {a.startDate && a.endDate ? ` · ${a.startDate} to ${a.endDate}` : ''}
                </option>
              ))}
            </select>
            <span id="series-also-hint" className="field-hint">
              When the payer approves the drug and its administration apart, choose both: each counts the sessions on its own.
            </span>
          </label>
        ) : null}
        <label className="field">
          <span className="field-label">Earliest first session</span>
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
      </div>
      {paymentNotice && payment !== 'self' ? (
        <p id="series-payment-notice" className="notice notice-warning">
          {paymentNotice}
        </p>
      ) : null}
      <fieldset className="field">
        <legend className="field-label">Preferred days (optional)</legend>
        <div className="weekday-picks">
          {WEEKDAYS.map((d, i) => (
            <label key={d} className="checkbox-label">
              <input type="checkbox" checked={weekdays.includes(i)} onChange={() => toggleDay(i)} /> {d}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field-row">
        <label className="field">
          <span className="field-label">Time of day</span>
          <select value={timeOfDay} onChange={(e) => setTimeOfDay(e.target.value as '' | 'morning' | 'afternoon')}>
            <option value="">Any</option>
            <option value="morning">Morning</option>
            <option value="afternoon">Afternoon</option>
          </select>
        </label>
        <label className="field">
          <span className="field-label">Preferred suite</span>
          <select value={suiteId} onChange={(e) => setSuiteId(e.target.value)}>
            <option value="">Any</option>
            {suites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="form-actions">
        <button type="button" className="button button-primary" disabled={busy || !templateId || !payment} onClick={() => void propose()}>
          Find a series
        </button>
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
      {error ? (
        <p className="form-alert" role="alert">
          {error}
        </p>
      ) : null}
      {result?.noFit ? (
        <div className="notice notice-warning" role="status">
          <p>
            <strong>No series fits.</strong>
          </p>
          <ul>
            {result.noFit.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
          {result.noFit.suggestions.length ? (
            <>
              <p>What would work:</p>
              <ul>
                {result.noFit.suggestions.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
      {result?.proposals.length ? (
        <div className="proposal-list">
          {result.proposals.map((p, i) => (
            <article key={p.kind} className="proposal-card" aria-label={KIND_LABEL[p.kind] ?? p.kind}>
              <h4>
                {i === 0 ? 'Proposed: ' : 'Alternative: '}
                {p.label}
              </h4>
              <ol className="proposal-sessions">
                {p.sessions.map((s) => (
                  <li key={s.seq}>
                    {spanText(zone, s.startsAt, s.endsAt)} · {suiteNames.get(s.suiteId) ?? 'Suite'}
                  </li>
                ))}
              </ol>
              <button type="button" className={`button${i === 0 ? ' button-primary' : ''}`} disabled={busy} onClick={() => void book(p)}>
                Book these {p.sessions.length} sessions
              </button>
            </article>
          ))}
        </div>
      ) : null}
    </section>
  );
}
