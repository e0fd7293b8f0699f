/**
 * The first-run setup of a new clinic, after its administrator is created on this computer:
 * clinic and time zone, suites and hours, staff and shifts, payers, then "Book your first
 * patient". Each page saves its answers through the ordinary settings methods before moving on,
 * and the backend keeps which page is next (setup.save), so a closed window or a crash resumes
 * there with nothing saved lost. Every page can be skipped, and the whole walk left for Settings.
 */
import { useState } from 'react';
import type { SetupStatus } from '../../../../src-shared/api/methods/setup';
import { api } from '../../api/client';
import { navigate, paths } from '../../app/router';
import { ScreenHeading } from '../../components/ScreenHeading';
import { errorText } from '../../lib/errors';
import { useClinicStore } from '../clinic/store';
import { ClinicStep } from './ClinicStep';
import { PayersStep } from './PayersStep';
import { StaffStep } from './StaffStep';
import { SETUP_PAGES, nextPage, previousPage, type SetupPage } from './steps';
import { SuitesStep } from './SuitesStep';
import './setup.css';

const LEADS: Record<SetupPage, string> = {
  clinic: 'Its name, and the time zone every schedule is kept in.',
  suites: 'Where infusions are given, and when the clinic is open.',
  staff: 'Who works here, and who supervises infusions.',
  payers: 'The insurance companies your patients use.',
  done: 'The clinic is ready to book.',
};

export function FirstRunSetup({ status, onClosed }: { status: SetupStatus; onClosed: () => void }) {
  const settings = useClinicStore((s) => s.settings);
  const [page, setPage] = useState<SetupPage>(status.step ?? 'clinic');
  const [saved, setSaved] = useState(status.saved);
  const [error, setError] = useState<string | null>(null);

  const go = async (to: SetupPage, savedStep?: Exclude<SetupPage, 'done'>) => {
    try {
      const next = await api.call('setup.save', { step: to, ...(savedStep ? { saved: savedStep } : {}) });
      setSaved(next.saved);
      setError(null);
    } catch (err) {
      // The answers are saved already; only the place was not: say so, and move on anyway.
      setError(`Where the setup is could not be kept (${errorText(err)}). Your answers are saved.`);
    }
    setPage(to);
    window.scrollTo({ top: 0 });
  };

  const finish = async (then: string) => {
    try {
      await api.call('setup.save', { step: 'done', finished: true });
    } catch {
      /* the walk is offered again next time: nothing is lost */
    }
    onClosed();
    navigate(then);
  };

  const index = SETUP_PAGES.findIndex((p) => p.key === page);
  const current = SETUP_PAGES[index]!;
  const back = previousPage(page);
  const onBack = () => back && void go(back);
  const onSkip = () => void go(nextPage(page));
  const onSaved = (step: Exclude<SetupPage, 'done'>) => () => void go(nextPage(step), step);

  return (
    <section className="screen setup-screen">
      <ScreenHeading title="Set up your clinic" lead="A few questions so the schedule works from the first booking. Each page is saved as you go; skip any and set it later in Settings.">
        <button type="button" className="button button-quiet" onClick={() => void finish(paths.today)}>
          Finish later in Settings
        </button>
      </ScreenHeading>
      <ol className="setup-progress" aria-label="Setup steps">
        {SETUP_PAGES.map((p, i) => (
          <li key={p.key} className={p.key === page ? 'is-current' : i < index ? 'is-past' : undefined} aria-current={p.key === page ? 'step' : undefined}>
            <span className="setup-progress-n" aria-hidden="true">
              {i + 1}
            </span>
            {p.label}
            {p.key !== 'done' && saved.includes(p.key) ? <span className="setup-progress-saved"> (saved)</span> : null}
          </li>
        ))}
      </ol>
      {error ? (
        <p className="form-alert" role="alert">
          {error}
        </p>
      ) : null}
      <div className="panel setup-panel">
        <h2 id="setup-step-heading">
          Step {index + 1} of {SETUP_PAGES.length}: {current.label}
        </h2>
        <p className="section-lead">{LEADS[page]}</p>
        {!settings ? (
          <p className="muted">Loading the clinic’s settings…</p>
        ) : page === 'clinic' ? (
          <ClinicStep settings={settings} onSaved={onSaved('clinic')} onSkip={onSkip} />
        ) : page === 'suites' ? (
          <SuitesStep settings={settings} onSaved={onSaved('suites')} onSkip={onSkip} onBack={onBack} />
        ) : page === 'staff' ? (
          <StaffStep settings={settings} onSaved={onSaved('staff')} onSkip={onSkip} onBack={onBack} />
        ) : page === 'payers' ? (
          <PayersStep onSaved={onSaved('payers')} onSkip={onSkip} onBack={onBack} />
        ) : (
          <DonePage onBook={() => void finish(paths.newPatient)} onToday={() => void finish(paths.today)} onBack={onBack} />
        )}
      </div>
    </section>
  );
}

function DonePage({ onBook, onToday, onBack }: { onBook: () => void; onToday: () => void; onBack: () => void }) {
  const settings = useClinicStore((s) => s.settings);
  const suites = useClinicStore((s) => s.suites).filter((s) => s.active);
  const staff = useClinicStore((s) => s.staff).filter((s) => s.active);
  const payers = useClinicStore((s) => s.payers);
  const consulting = staff.filter((s) => s.role === 'physician' || s.role === 'anesthesiologist');
  return (
    <div className="setup-done">
      <ul className="setup-summary">
        <li>
          <strong>{settings?.name}</strong>, in {settings?.timeZone}
        </li>
        <li>{suites.length === 0 ? 'No suites yet (Settings › Suites and closures)' : `${suites.length} ${suites.length === 1 ? 'suite' : 'suites'}`}</li>
        <li>{staff.length === 0 ? 'No staff yet (Settings › Staff and shifts)' : `${staff.length} ${staff.length === 1 ? 'person' : 'people'} on staff`}</li>
        <li>{payers.length === 0 ? 'No payers yet (Settings › Payers)' : `${payers.length} ${payers.length === 1 ? 'payer' : 'payers'}`}</li>
      </ul>
      <p>
        {consulting.length > 0
          ? 'Before booking first consultations, set when your providers see patients under Settings › Provider hours.'
          : 'First consultations need a physician or anesthesiologist with weekly hours: add them under Settings › Staff and shifts, then Provider hours.'}
      </p>
      <div className="form-actions setup-actions">
        <button type="button" className="button button-primary button-large" onClick={onBook}>
          Book your first patient
        </button>
        <button type="button" className="button" onClick={onToday}>
          Go to Today
        </button>
        <button type="button" className="button button-quiet" onClick={onBack}>
          Back
        </button>
      </div>
    </div>
  );
}
