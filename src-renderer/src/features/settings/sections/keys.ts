/**
 * Settings is split into sections, each its own page (#/settings/<key>), listed down the side
 * in this order. Pure data (the router reads it): the page for each key is in
 * `SettingsSectionPage.tsx`, one file per section beside this one.
 */
export const SETTINGS_SECTIONS = [
  { key: 'clinic', label: 'Clinic', hint: 'Name, time zone, opening hours, consultation length' },
  { key: 'suites', label: 'Suites and closures', hint: 'Infusion rooms or chairs, and when they are closed' },
  { key: 'staff', label: 'Staff and shifts', hint: 'People, and who supervises how many infusions when' },
  { key: 'providers', label: 'Provider hours', hint: 'When providers see patients, and time off' },
  { key: 'series', label: 'Infusion series', hint: 'The series the clinic offers' },
  { key: 'payers', label: 'Payers', hint: 'Insurance companies and other payers' },
  { key: 'letters', label: 'Letter templates', hint: 'Wording of peer-to-peer requests and appeal letters' },
  { key: 'reminders', label: 'Reminders', hint: 'What reminders tell patients, and when' },
  { key: 'records', label: 'Prior records', hint: 'Folders your fax or scanner saves into' },
  { key: 'board', label: 'Wall board', hint: 'The suite board on the wall display' },
  { key: 'server', label: 'Clinic server', hint: 'This computer’s link to the clinic’s other computers' },
] as const;

export type SettingsSectionKey = (typeof SETTINGS_SECTIONS)[number]['key'];

/** The page #/settings opens on. */
export const FIRST_SETTINGS_SECTION: SettingsSectionKey = 'clinic';

export function isSettingsSection(key: string | undefined): key is SettingsSectionKey {
  return SETTINGS_SECTIONS.some((s) => s.key === key);
}

export function settingsSectionLabel(key: SettingsSectionKey): string {
  return SETTINGS_SECTIONS.find((s) => s.key === key)!.label;
}
