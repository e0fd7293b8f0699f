/**
 * Every screen but Today (and patient search, one shortcut away) is its own chunk, loaded when
 * it is first opened, so the first screen is drawn without parsing the calendar, the charts and
 * the settings. Once the first screen's content is drawn, the other chunks are fetched while the
 * window is idle, so the first click on a screen does not wait for its code.
 */
import { createElement, lazy, useEffect, useState, type ComponentType, type ReactNode } from 'react';

type Loader<P> = () => Promise<ComponentType<P>>;

export interface LazyScreen<P> {
  (props: P): ReactNode;
  /** Fetch the chunk now (the same promise the screen waits on). */
  prefetch: () => Promise<unknown>;
}

const all: LazyScreen<never>[] = [];

function lazyScreen<P extends object>(load: Loader<P>): LazyScreen<P> {
  let promise: Promise<{ default: ComponentType<P> }> | null = null;
  let loaded: ComponentType<P> | null = null;
  const fetchChunk = () =>
    (promise ??= load().then(
      (component) => {
        loaded = component;
        return { default: component };
      },
      (err: unknown) => {
        // A failed fetch may be retried by the next render (a reload of the app, in practice).
        promise = null;
        throw err;
      },
    ));
  const Lazy = lazy(fetchChunk);
  function Screen(props: P): ReactNode {
    // Chosen once per mount: a chunk that arrives later must not swap the component (that would
    // remount the screen and lose what was typed). A fetched chunk renders at once, no fallback.
    const [Component] = useState<ComponentType<P>>(() => loaded ?? Lazy);
    return createElement(Component, props);
  }
  const screen = Object.assign(Screen, { prefetch: fetchChunk });
  all.push(screen as LazyScreen<never>);
  return screen;
}

export const ScheduleScreen = lazyScreen(() => import('../features/suite-calendar/ScheduleScreen').then((m) => m.ScheduleScreen));
export const OutcomesScreen = lazyScreen(() => import('../features/outcomes/OutcomesScreen').then((m) => m.OutcomesScreen));
export const AuthorizationsScreen = lazyScreen(() =>
  import('../features/authorizations/AuthorizationsScreen').then((m) => m.AuthorizationsScreen),
);
export const RequestPage = lazyScreen(() => import('../features/authorizations/RequestPage').then((m) => m.RequestPage));
export const DocumentsScreen = lazyScreen(() => import('../features/records/DocumentsScreen').then((m) => m.DocumentsScreen));
export const BoardScreen = lazyScreen(() => import('../features/board/BoardScreen').then((m) => m.BoardScreen));
export const SettingsScreen = lazyScreen(() => import('../features/settings/SettingsScreen').then((m) => m.SettingsScreen));
export const UsersAndRolesScreen = lazyScreen(() => import('../features/users/UsersAndRolesScreen').then((m) => m.UsersAndRolesScreen));
export const AuditScreen = lazyScreen(() => import('../features/audit/AuditScreen').then((m) => m.AuditScreen));
export const ConflictsScreen = lazyScreen(() => import('../features/sync/ConflictsScreen').then((m) => m.ConflictsScreen));
export const PatientPage = lazyScreen(() => import('../features/patients/PatientPage').then((m) => m.PatientPage));
export const NewPatientScreen = lazyScreen(() => import('../features/patients/PatientScreens').then((m) => m.NewPatientScreen));
export const EditPatientScreen = lazyScreen(() => import('../features/patients/PatientScreens').then((m) => m.EditPatientScreen));
export const FirstRunSetup = lazyScreen(() => import('../features/setup/FirstRunSetup').then((m) => m.FirstRunSetup));

let prefetchScheduled = false;

/**
 * Fetch every screen's chunk once the window is idle (once per app). Called when the first
 * screen's content is drawn, so the fetching never delays it. A chunk that fails here is fetched
 * again when its screen opens.
 */
export function prefetchScreensWhenIdle(): void {
  if (prefetchScheduled) return;
  prefetchScheduled = true;
  const run = () => {
    for (const screen of all) screen.prefetch().catch(() => undefined);
  };
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(run, { timeout: 3000 });
  else window.setTimeout(run, 200);
}

/** How long a screen may take before "Loading…" shows: a quick load shows nothing rather than flash. */
export const LOADING_DELAY_MS = 150;

/** What a screen shows while its chunk loads: nothing at first, then a quiet "Loading…". */
export function ScreenLoading(): ReactNode {
  const [show, setShow] = useState(false);
  useEffect(() => {
    const timer = window.setTimeout(() => setShow(true), LOADING_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, []);
  return (
    <section className="screen" aria-busy="true">
      {show ? (
        <p className="muted" role="status">
          Loading…
        </p>
      ) : null}
    </section>
  );
}
