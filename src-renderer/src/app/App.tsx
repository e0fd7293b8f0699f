/**
 * The app shell: header, the left navigation, and the screen the address names. Screens and
 * navigation follow the signed-in person's permissions (access.ts): what the role cannot use
 * is not offered, and a screen typed by hand says so in words.
 */
import { Suspense, useEffect, useState } from 'react';
import { api } from '../api/client';
import { can, useGranted } from '../features/auth/store';
import { useClinicStore } from '../features/clinic/store';
import { PatientsScreen } from '../features/patients/PatientsScreen';
import { usePatientsStore } from '../features/patients/store';
import { NotFoundScreen } from '../features/placeholders/Placeholders';
import { useDocumentsStore } from '../features/documents/store';
import { useIntakeStore } from '../features/intake/store';
import { useSchedulingStore } from '../features/scheduling/store';
import { settingsSectionLabel } from '../features/settings/sections/keys';
import { TodayScreen } from '../features/today/TodayScreen';
import { useFirstRunSetup } from '../features/setup/useFirstRunSetup';
import { ErrorBoundary } from './ErrorBoundary';
import { Header } from './Header';
import { Nav, NAV_ITEMS } from './Nav';
import { canOpen, effectiveRoute, showsNavigation } from './access';
// Today and patient search are in the first chunk; every other screen loads when opened.
import {
  AuditScreen,
  AuthorizationsScreen,
  BoardScreen,
  ConflictsScreen,
  DocumentsScreen,
  EditPatientScreen,
  FirstRunSetup,
  NewPatientScreen,
  OutcomesScreen,
  PatientPage,
  prefetchScreensWhenIdle,
  RequestPage,
  ScheduleScreen,
  ScreenLoading,
  SettingsScreen,
  UsersAndRolesScreen,
} from './lazy-screens';
import { NotAllowedScreen } from './NotAllowedScreen';
import { useRoute, type Route } from './router';
import { useGlobalShortcuts } from './shortcuts';

function Screen({ route }: { route: Route }) {
  switch (route.screen) {
    case 'today':
      return <TodayScreen />;
    case 'patients':
      switch (route.view) {
        case 'list':
          return <PatientsScreen />;
        case 'new':
          return <NewPatientScreen />;
        case 'detail':
          return <PatientPage id={route.id} />;
        case 'edit':
          return <EditPatientScreen id={route.id} />;
      }
      break;
    case 'schedule':
      return <ScheduleScreen />;
    case 'outcomes':
      return <OutcomesScreen />;
    case 'authorizations':
      return <AuthorizationsScreen />;
    case 'authorization':
      return <RequestPage id={route.id} />;
    case 'documents':
      return <DocumentsScreen />;
    case 'board':
      return <BoardScreen />;
    case 'settings':
      return <SettingsScreen section={route.section} />;
    case 'users':
      return <UsersAndRolesScreen />;
    case 'audit':
      return <AuditScreen />;
    case 'conflicts':
      return <ConflictsScreen />;
    case 'notFound':
      return <NotFoundScreen path={route.path} />;
  }
  return null;
}

const NAV_SCREENS = NAV_ITEMS.map((n) => n.key);

function routeKey(route: Route): string {
  if (route.screen === 'patients') return `patients/${route.view}/${'id' in route ? route.id : ''}`;
  if (route.screen === 'settings') return `settings/${route.section}`;
  if (route.screen === 'authorization') return `authorization/${route.id}`;
  return route.screen;
}

function routeTitle(route: Route): string {
  if (route.screen === 'notFound') return 'Page not found';
  if (route.screen === 'patients' && route.view === 'new') return 'New patient';
  if (route.screen === 'conflicts') return 'Conflicts';
  if (route.screen === 'authorization') return 'Authorization request';
  if (route.screen === 'settings') return `Settings: ${settingsSectionLabel(route.section)}`;
  return NAV_ITEMS.find((n) => n.key === route.screen)?.label ?? '';
}

/**
 * Server data stays fresh: reload what changed when the backend says so. The clinic's set-up
 * is read only by roles that may (a wall board's account may not).
 */
function useLiveData(): void {
  useEffect(() => {
    if (can('clinic.read')) useClinicStore.getState().ensureLoaded();
    const offClinic = api.subscribe('clinic.changed', () => {
      if (can('clinic.read')) void useClinicStore.getState().refresh();
      // Staff, hours and the consultation length change the free times.
      useSchedulingStore.getState().refreshAll();
    });
    const offPatients = api.subscribe('patients.changed', () => {
      usePatientsStore.getState().refreshAll();
      useIntakeStore.getState().refreshAll();
      useDocumentsStore.getState().refreshAll();
    });
    const offIntake = api.subscribe('intake.changed', () => useIntakeStore.getState().refreshAll());
    const offSchedule = api.subscribe('schedule.changed', () => useSchedulingStore.getState().refreshAll());
    // A payer report is filed as a document when outcomes change.
    const offOutcomes = api.subscribe('outcomes.changed', () => useDocumentsStore.getState().refreshAll());
    return () => {
      offOutcomes();
      offClinic();
      offPatients();
      offIntake();
      offSchedule();
    };
  }, []);
}

function ConnectionAlert() {
  const status = useClinicStore((s) => s.status);
  const error = useClinicStore((s) => s.error);
  const refresh = useClinicStore((s) => s.refresh);
  if (status !== 'error' || !error) return null;
  return (
    <div className="app-alert" role="alert">
      <span>{error}</span>
      <button type="button" className="button button-small" onClick={() => void refresh()}>
        Try again
      </button>
    </div>
  );
}

export function App() {
  const granted = useGranted();
  const route = effectiveRoute(useRoute(), window.location.hash, granted);
  const allowed = canOpen(route, granted);
  const key = routeKey(route);
  useLiveData();
  useGlobalShortcuts();
  const setup = useFirstRunSetup();

  useEffect(() => {
    window.scrollTo({ top: 0 });
  }, [key]);

  // Today asks for the other screens' code once its lists are drawn; a window that opens on
  // another screen (a wall board, a link to a chart) asks once that screen has had a moment.
  const [firstScreenIsToday] = useState(() => route.screen === 'today');
  useEffect(() => {
    if (!firstScreenIsToday) prefetchScreensWhenIdle();
  }, [firstScreenIsToday]);

  const title = setup.open ? 'Set up your clinic' : allowed ? routeTitle(route) : 'Not part of your role';
  useEffect(() => {
    document.title = title ? `${title} — Infusion Desk` : 'Infusion Desk';
  }, [title]);

  // The setup walk has the window to itself: one question page at a time.
  const nav = !setup.open && !setup.pending && showsNavigation(NAV_SCREENS, granted);
  return (
    <div className={`app${nav ? '' : ' app-no-nav'}`}>
      <Header />
      {nav ? <Nav route={route} /> : null}
      <main className="app-main">
        <ConnectionAlert />
        {setup.pending ? (
          <p className="muted">Opening the clinic…</p>
        ) : setup.open && setup.status ? (
          <ErrorBoundary key="setup">
            <Suspense fallback={<ScreenLoading />}>
              <FirstRunSetup status={setup.status} onClosed={setup.close} />
            </Suspense>
          </ErrorBoundary>
        ) : (
          <ErrorBoundary key={key}>
            <Suspense fallback={<ScreenLoading />}>{allowed ? <Screen route={route} /> : <NotAllowedScreen />}</Suspense>
          </ErrorBoundary>
        )}
      </main>
    </div>
  );
}
