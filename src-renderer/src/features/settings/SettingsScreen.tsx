/** Settings: the clinic, its suites, staff and payers, when providers see patients, the infusion floor, reminders, watched folders for prior records, and this computer's link to the clinic server; for administrators, the way to Users and roles. */
import { paths } from '../../app/router';
import { ScreenHeading } from '../../components/ScreenHeading';
import { useCan } from '../auth/store';
import { useClinicStore } from '../clinic/store';
import { AvailabilitySection } from '../scheduling/AvailabilitySection';
import { ClinicServerSection } from './ClinicServerSection';
import { ClinicSettingsForm } from './ClinicSettingsForm';
import { FloorSettings } from './floor/FloorSettings';
import { RemindersSettings } from '../reminders/RemindersSettings';
import { WatchedFoldersSection } from '../records/WatchedFoldersSection';
import { PayersSection } from './PayersSection';
import { StaffSection } from './StaffSection';
import { SuitesSection } from './SuitesSection';

export function SettingsScreen() {
  const settings = useClinicStore((s) => s.settings);
  const status = useClinicStore((s) => s.status);
  const error = useClinicStore((s) => s.error);
  const refresh = useClinicStore((s) => s.refresh);
  const managesUsers = useCan('users.manage');

  return (
    <section className="screen">
      <ScreenHeading title="Settings" />
      {managesUsers ? (
        <section className="panel settings-users-link" aria-labelledby="settings-users-heading">
          <h2 id="settings-users-heading">Users and roles</h2>
          <p>Who can sign in, each person’s role, what each role may do, and how soon an unused screen locks.</p>
          <a className="button" href={paths.users}>
            Open Users and roles
          </a>
        </section>
      ) : null}
      {!settings ? (
        status === 'error' ? (
          <div className="form-alert" role="alert">
            <p>The settings could not be loaded. {error}</p>
            <button type="button" className="button" onClick={() => void refresh()}>
              Try again
            </button>
          </div>
        ) : (
          <p className="muted">Loading the clinic’s settings…</p>
        )
      ) : (
        <div className="settings-grid">
          <ClinicSettingsForm settings={settings} />
          <div className="settings-side">
            <SuitesSection />
            <StaffSection />
            <PayersSection />
          </div>
          <AvailabilitySection />
          <FloorSettings />
          <RemindersSettings />
          <WatchedFoldersSection />
          <ClinicServerSection />
        </div>
      )}
    </section>
  );
}
