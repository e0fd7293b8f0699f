/**
 * Record a status step with its details: the time it happened when that was not just now (in
 * clinic time, on the session's day), and at discharge the driver taking the patient home
 * (name and phone: discharge needs a responsible adult driver) and, before the recovery
 * minimum, the reason for discharging early. The backend judges; its words show beside the
 * field at fault and nothing is recorded.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { localDateAt, localTimeAt, zonedToInstant } from '../../../../src-shared/domain/zoned-time';
import { dischargeFrom } from '../../../../src-shared/domain/series/step-times';
import { FormAlert, TextAreaField, TextField } from '../../components/Field';
import { noErrors, type FormErrors } from '../../lib/errors';
import { STATUS_LABEL, clockText, type DaySession, type SessionStatus } from './session-flow';
import { useSessionsStore } from './store';

export interface StepRequest {
  session: DaySession;
  to: SessionStatus;
  /** "Marit Halvorsen (MH)", for the title. */
  who: string;
}

export function StepDialog({ request, timeZone, onClose }: { request: StepRequest | null; timeZone: string; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (request && !d.open) d.showModal();
    else if (!request && d.open) d.close();
  }, [request]);

  return (
    <dialog ref={ref} className="today-reason-dialog today-step-dialog" aria-label={request ? titleOf(request) : undefined} onClose={onClose}>
      {/* A fresh form for each request: nothing typed for one patient carries to another. */}
      {request ? <StepForm key={`${request.session.id}|${request.to}`} request={request} timeZone={timeZone} onClose={onClose} /> : null}
    </dialog>
  );
}

/** Each step in the words of the moment it records: the dialog's title and its time field. */
const STEP_WORDS: Partial<Record<SessionStatus, { title: string; time: string }>> = {
  arrived: { title: 'Arrival', time: 'Time the patient arrived' },
  iv_placed: { title: 'IV placed', time: 'Time the IV was placed' },
  infusing: { title: 'Infusion started', time: 'Time the infusion started' },
  recovery: { title: 'Infusion ended, recovery begins', time: 'Time the infusion ended' },
  discharged: { title: 'Discharge', time: 'Time of discharge' },
};

function wordsOf(to: SessionStatus): { title: string; time: string } {
  return STEP_WORDS[to] ?? { title: STATUS_LABEL[to], time: `Time of “${STATUS_LABEL[to]}”` };
}

function titleOf(r: StepRequest): string {
  return r.to === 'discharged' ? `Discharge ${r.who}` : `${wordsOf(r.to).title}: ${r.who}`;
}

function StepForm({ request, timeZone, onClose }: { request: StepRequest; timeZone: string; onClose: () => void }) {
  const id = useId();
  const { session, to } = request;
  const discharging = to === 'discharged';
  const busy = useSessionsStore((s) => s.busy[session.id] ?? false);
  const [time, setTime] = useState(() => localTimeAt(timeZone, Date.now()));
  // Left as it is, the step is recorded for now, to the second.
  const [timeTouched, setTimeTouched] = useState(false);
  const [driverName, setDriverName] = useState('');
  const [driverPhone, setDriverPhone] = useState('');
  const [earlyReason, setEarlyReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);

  const day = localDateAt(timeZone, session.startsAt);
  const chosenAt = timeTouched && /^\d{2}:\d{2}$/.test(time) ? zonedToInstant(timeZone, day, time) : Date.now();
  const earliest = discharging ? dischargeFrom(session.statusTimes, session.recoveryMinMinutes) : null;
  const early = earliest !== null && chosenAt < earliest;
  const recoveryBegan = session.statusTimes['recovery'];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const fields: Record<string, string> = {};
    if (timeTouched && !/^\d{2}:\d{2}$/.test(time)) fields['at'] = 'Enter the time as hours and minutes, e.g. 14:05.';
    if (discharging && !driverName.trim()) fields['driverName'] = 'Enter the name of the adult driving the patient home: discharge needs a responsible adult driver.';
    if (discharging && !driverPhone.trim()) fields['driverPhone'] = "Enter the driver's phone number, so the clinic can reach them.";
    if (early && !earlyReason.trim()) fields['earlyReason'] = 'Say why the patient goes home before the recovery minimum.';
    if (Object.keys(fields).length) {
      setErrors({ general: null, fields });
      return;
    }
    const refused = await useSessionsStore.getState().recordStep(session, {
      status: to,
      ...(timeTouched ? { at: chosenAt } : {}),
      ...(discharging ? { driverName: driverName.trim(), driverPhone: driverPhone.trim() } : {}),
      ...(earlyReason.trim() ? { earlyReason: earlyReason.trim() } : {}),
    });
    if (refused) setErrors(refused);
    else onClose();
  };

  const field = (name: string) => errors.fields[name] ?? null;
  const clear = (name: string) => setErrors((e) => ({ general: e.general, fields: Object.fromEntries(Object.entries(e.fields).filter(([k]) => k !== name)) }));

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <h2>{titleOf(request)}</h2>
      <FormAlert message={errors.general} />
      <TextField
        id={`${id}-at`}
        type="time"
        label={wordsOf(to).time}
        value={time}
        onChange={(v) => {
          setTime(v);
          setTimeTouched(true);
          clear('at');
        }}
        error={field('at')}
        hint={`Clinic time. Leave it for now; change it for a step that happened earlier.`}
      />
      {discharging ? (
        <>
          {recoveryBegan !== undefined && earliest !== null ? (
            <p className={`today-step-note${early ? ' is-early' : ''}`}>
              Recovery began at {clockText(recoveryBegan, timeZone)}; the minimum is {session.recoveryMinMinutes} minutes, so discharge from{' '}
              {clockText(earliest, timeZone)}.
            </p>
          ) : null}
          <TextField
            id={`${id}-driver`}
            label="Driver's name"
            required
            autoComplete="off"
            maxLength={100}
            value={driverName}
            onChange={(v) => {
              setDriverName(v);
              clear('driverName');
            }}
            error={field('driverName')}
            hint="The responsible adult taking the patient home."
          />
          <TextField
            id={`${id}-phone`}
            type="tel"
            inputMode="tel"
            label="Driver's phone"
            required
            autoComplete="off"
            maxLength={40}
            value={driverPhone}
            onChange={(v) => {
              setDriverPhone(v);
              clear('driverPhone');
            }}
            error={field('driverPhone')}
          />
          {early || field('earlyReason') ? (
            <TextAreaField
              id={`${id}-early`}
              label="Reason for discharging early"
              required
              rows={2}
              maxLength={500}
              value={earlyReason}
              onChange={(v) => {
                setEarlyReason(v);
                clear('earlyReason');
              }}
              error={field('earlyReason')}
              hint="Kept with the session and in its history."
            />
          ) : null}
        </>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {discharging ? 'Record discharge' : 'Record'}
        </button>
        <button type="button" className="button button-quiet" onClick={onClose}>
          Go back
        </button>
      </div>
    </form>
  );
}
