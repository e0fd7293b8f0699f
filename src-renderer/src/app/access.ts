/**
 * Which screens a role can use, from its permissions (pure; the navigation and the screen
 * switch both read it). A screen is offered only when the calls it makes as it opens are ones
 * the role is allowed, so opening it never brings a refusal; a screen typed by hand that the
 * role cannot use says so in words instead of failing call by call.
 */
import type { Permission } from '../../../src-shared/api/permissions';
import { FIRST_SETTINGS_SECTION } from '../features/settings/sections/keys';
import type { Route, ScreenKey } from './router';

interface Need {
  /** Every one of these (what the screen reads as it opens). */
  all: readonly Permission[];
  /** At least one of these, when given (what the screen is for). */
  any?: readonly Permission[];
}

export const SCREEN_NEEDS: Record<ScreenKey, Need> = {
  today: { all: ['schedule.read'] },
  patients: { all: ['patients.read'] },
  schedule: { all: ['schedule.read'] },
  outcomes: { all: ['patients.read'] },
  authorizations: { all: ['schedule.read'] },
  documents: { all: ['patients.read'] },
  board: { all: ['board.read'] },
  // Settings reads the clinic's set-up; it is for the people who change some of it (the
  // administrator's settings, the front desk's provider hours and floor shifts).
  settings: { all: ['clinic.read'], any: ['settings.write', 'schedule.write', 'users.manage'] },
  users: { all: ['users.manage'] },
  audit: { all: ['audit.read'] },
  conflicts: { all: ['schedule.read'] },
};

export type Granted = ReadonlySet<Permission> | readonly Permission[];

function has(granted: Granted, p: Permission): boolean {
  return Array.isArray(granted) ? granted.includes(p) : (granted as ReadonlySet<Permission>).has(p);
}

export function canOpenScreen(screen: ScreenKey, granted: Granted): boolean {
  const need = SCREEN_NEEDS[screen];
  if (!need.all.every((p) => has(granted, p))) return false;
  return !need.any || need.any.some((p) => has(granted, p));
}

/** Whether this route may be shown; "page not found" always may. */
export function canOpen(route: Route, granted: Granted): boolean {
  if (route.screen === 'notFound') return true;
  // One request's page needs what the Authorizations workspace needs.
  if (route.screen === 'authorization') return canOpenScreen('authorizations', granted);
  if (!canOpenScreen(route.screen, granted)) return false;
  // Registering or editing a patient is a change; reading the chart is not.
  if (route.screen === 'patients' && (route.view === 'new' || route.view === 'edit')) return has(granted, 'patients.write');
  return true;
}

/** The order a person looks for their first screen in: the first one the role can use opens. */
const HOME_ORDER: readonly ScreenKey[] = ['today', 'patients', 'schedule', 'outcomes', 'board', 'settings', 'users'];

export function homeScreen(granted: Granted): ScreenKey | null {
  return HOME_ORDER.find((s) => canOpenScreen(s, granted)) ?? null;
}

/** The address with nothing after the #: the app opens on the person's first screen. */
export function isHomeHash(hash: string): boolean {
  return hash.replace(/^#/, '').replace(/^\/+/, '').replace(/\/+$/, '') === '';
}

/**
 * The route to show: an empty address opens the role's first screen (the board for a wall
 * display, Today for the others).
 */
export function effectiveRoute(route: Route, hash: string, granted: Granted): Route {
  if (!isHomeHash(hash)) return route;
  const home = homeScreen(granted);
  if (!home || home === 'today') return route;
  if (home === 'patients') return { screen: 'patients', view: 'list' };
  if (home === 'settings') return { screen: 'settings', section: FIRST_SETTINGS_SECTION };
  return { screen: home };
}

/**
 * The navigation is left out when the role has only one screen (the wall board): that
 * screen fills the window, and there is nothing else to go to.
 */
export function showsNavigation(navScreens: readonly ScreenKey[], granted: Granted): boolean {
  return navScreens.filter((s) => canOpenScreen(s, granted)).length > 1;
}
