/** Settings › Clinic: the clinic's name, time zone, opening hours and consultation length; how times are written. */
import { useClinicStore } from '../../clinic/store';
import { ClinicSettingsForm } from '../ClinicSettingsForm';
import { TimeFormatSection } from '../TimeFormatSection';
import { TimeZoneChange } from '../TimeZoneChange';

export function ClinicSection() {
  const settings = useClinicStore((s) => s.settings);
  // SettingsScreen shows its loading and error states before any section page renders.
  if (!settings) return null;
  return (
    <>
      <ClinicSettingsForm settings={settings} />
      <TimeZoneChange />
      <TimeFormatSection />
    </>
  );
}
