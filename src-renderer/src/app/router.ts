/**
 * A tiny hash router: `#/patients`, `#/patients/<id>`, `#/settings`. Hash routing works the
 * same from `file://` inside Electron and from the web harness, with no server routes.
 */
import { useSyncExternalStore } from 'react';
import { FIRST_SETTINGS_SECTION, isSettingsSection, type SettingsSectionKey } from '../features/settings/sections/keys';

export type ScreenKey =
  | 'today'
  | 'patients'
  | 'schedule'
  | 'outcomes'
  | 'authorizations'
  | 'documents'
  | 'board'
  | 'settings'
  | 'users'
  | 'audit'
  | 'conflicts';

export type Route =
  | { screen: 'today' | 'schedule' | 'outcomes' | 'authorizations' | 'documents' | 'board' | 'audit' | 'conflicts' }
  /** Settings, one section a page (#/settings/<section>; #/settings opens the first). */
  | { screen: 'settings'; section: SettingsSectionKey }
  /** Settings → Users and roles (#/settings/users). */
  | { screen: 'users' }
  /** One authorization request (#/authorizations/<id>). */
  | { screen: 'authorization'; id: string }
  | { screen: 'patients'; view: 'list' }
  | { screen: 'patients'; view: 'new' }
  | { screen: 'patients'; view: 'detail'; id: string }
  | { screen: 'patients'; view: 'edit'; id: string }
  | { screen: 'notFound'; path: string };

const SIMPLE = new Set(['today', 'schedule', 'outcomes', 'authorizations', 'documents', 'board', 'audit', 'conflicts']);

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/^\/+/, '').replace(/\/+$/, '');
  const parts = path === '' ? [] : path.split('/').map((p) => decodeURIComponent(p));
  const [first, second, third] = parts;
  if (!first) return { screen: 'today' };
  if (first === 'patients') {
    if (!second) return { screen: 'patients', view: 'list' };
    if (second === 'new' && !third) return { screen: 'patients', view: 'new' };
    if (!third) return { screen: 'patients', view: 'detail', id: second };
    if (third === 'edit' && parts.length === 3) return { screen: 'patients', view: 'edit', id: second };
  } else if (first === 'settings') {
    if (!second) return { screen: 'settings', section: FIRST_SETTINGS_SECTION };
    if (second === 'users' && parts.length === 2) return { screen: 'users' };
    if (isSettingsSection(second) && parts.length === 2) return { screen: 'settings', section: second };
  } else if (first === 'authorizations' && second && parts.length === 2) {
    return { screen: 'authorization', id: second };
  } else if (SIMPLE.has(first) && parts.length === 1) {
    return { screen: first as Exclude<ScreenKey, 'patients' | 'users' | 'settings'> };
  }
  return { screen: 'notFound', path };
}

export const paths = {
  today: '#/today',
  patients: '#/patients',
  newPatient: '#/patients/new',
  patient: (id: string) => `#/patients/${encodeURIComponent(id)}`,
  editPatient: (id: string) => `#/patients/${encodeURIComponent(id)}/edit`,
  settings: '#/settings',
  settingsSection: (section: SettingsSectionKey) => `#/settings/${section}`,
  users: '#/settings/users',
  schedule: '#/schedule',
  authorizations: '#/authorizations',
  authorization: (id: string) => `#/authorizations/${encodeURIComponent(id)}`,
  conflicts: '#/conflicts',
  audit: '#/audit',
} as const;

export function navigate(hash: string): void {
  if (window.location.hash !== hash) window.location.hash = hash;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const getHash = () => window.location.hash;

/** The current route; re-renders on every hash change. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, getHash, getHash);
  return parseHash(hash);
}
