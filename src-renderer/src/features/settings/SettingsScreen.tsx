/**
 * Settings: one page per section (sections/keys.ts), with the list of sections down the side
 * so each page stays short enough to read; for administrators, the way to Users and roles.
 */
import { paths } from '../../app/router';
import { ScreenHeading } from '../../components/ScreenHeading';
import { useCan } from '../auth/store';
import { useClinicStore } from '../clinic/store';
import { SETTINGS_SECTIONS, type SettingsSectionKey } from './sections/keys';
import { SettingsSectionPage } from './sections/SettingsSectionPage';
import './settings.css';

export function SettingsScreen({ section }: { section: SettingsSectionKey }) {
  const settings = useClinicStore((s) => s.settings);
  const status = useClinicStore((s) => s.status);
  const error = useClinicStore((s) => s.error);
  const refresh = useClinicStore((s) => s.refresh);
  const managesUsers = useCan('users.manage');

  return (
    <section className="screen settings-screen">
      <ScreenHeading title="Settings" />
      <div className="settings-layout">
        <nav className="settings-nav" aria-label="Settings sections">
          <ul>
            {SETTINGS_SECTIONS.map((s) => (
              <li key={s.key}>
                <a href={paths.settingsSection(s.key)} aria-current={s.key === section ? 'page' : undefined}>
                  <span className="settings-nav-label">{s.label}</span>
                  <span className="settings-nav-hint">{s.hint}</span>
                </a>
              </li>
            ))}
            {managesUsers ? (
              <li>
                <a href={paths.users}>
                  <span className="settings-nav-label">Users and roles</span>
                  <span className="settings-nav-hint">Who can sign in, and what each role may do</span>
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
        <div className="settings-page">
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
            <SettingsSectionPage section={section} />
          )}
        </div>
      </div>
    </section>
  );
}
