/** Which page each Settings section shows (keys and labels in keys.ts). */
import type { SettingsSectionKey } from './keys';
import { BoardPage } from './Board';
import { ClinicSection } from './Clinic';
import { LettersPage } from './Letters';
import { PayersPage } from './Payers';
import { ProvidersPage } from './Providers';
import { RecordsPage } from './Records';
import { RemindersPage } from './Reminders';
import { SeriesPage } from './Series';
import { ServerPage } from './Server';
import { StaffPage } from './Staff';
import { SuitesPage } from './Suites';

export function SettingsSectionPage({ section }: { section: SettingsSectionKey }) {
  switch (section) {
    case 'clinic':
      return <ClinicSection />;
    case 'suites':
      return <SuitesPage />;
    case 'staff':
      return <StaffPage />;
    case 'providers':
      return <ProvidersPage />;
    case 'series':
      return <SeriesPage />;
    case 'payers':
      return <PayersPage />;
    case 'letters':
      return <LettersPage />;
    case 'reminders':
      return <RemindersPage />;
    case 'records':
      return <RecordsPage />;
    case 'board':
      return <BoardPage />;
    case 'server':
      return <ServerPage />;
  }
}
