import { Fragment } from 'react';
import { useAuthStore } from '../features/auth/store';
import { useSyncStore } from '../features/sync/store';
import { canOpenScreen } from './access';
import { paths, type Route, type ScreenKey } from './router';

/** The screens in the navigation; each is listed only for roles that can use it (app/access.ts). */
export const NAV_ITEMS: { key: ScreenKey; label: string; href: string; sub?: true }[] = [
  { key: 'today', label: 'Today', href: '#/today' },
  { key: 'patients', label: 'Patients', href: '#/patients' },
  { key: 'schedule', label: 'Schedule', href: '#/schedule' },
  { key: 'outcomes', label: 'Outcomes', href: '#/outcomes' },
  { key: 'authorizations', label: 'Authorizations', href: '#/authorizations' },
  { key: 'documents', label: 'Documents', href: '#/documents' },
  { key: 'board', label: 'Board', href: '#/board' },
  { key: 'settings', label: 'Settings', href: '#/settings' },
  { key: 'users', label: 'Users and roles', href: '#/settings/users', sub: true },
  { key: 'audit', label: 'Audit trail', href: '#/audit', sub: true },
];

/**
 * Conflicts between computers are listed only while some wait (or while the screen is open, so
 * the entry does not vanish under the person who just resolved the last one): most days there
 * are none, and an always-present entry would be one more thing to read. The header's
 * indicator links there whenever there are any.
 */
function ConflictsItem({ current }: { current: boolean }) {
  const open = useSyncStore((s) => s.status?.openConflicts ?? 0);
  if (open <= 0 && !current) return null;
  return (
    <li>
      <a
        href={paths.conflicts}
        aria-current={current ? 'page' : undefined}
        aria-label={open > 0 ? `Conflicts, ${open} to resolve` : undefined}
        className={`nav-conflicts${current ? ' is-current' : ''}`}
      >
        Conflicts
        {open > 0 ? (
          <span className="nav-count" aria-hidden="true">
            {open}
          </span>
        ) : null}
      </a>
    </li>
  );
}

export function Nav({ route }: { route: Route }) {
  const granted = useAuthStore((s) => s.status?.signedIn?.permissions) ?? [];
  return (
    <nav className="app-nav" aria-label="Main">
      <ul>
        {NAV_ITEMS.filter((item) => canOpenScreen(item.key, granted)).map((item) => {
          const current = route.screen === item.key || (route.screen === 'authorization' && item.key === 'authorizations');
          const className = [item.sub ? 'nav-sub' : '', current ? 'is-current' : ''].filter(Boolean).join(' ') || undefined;
          return (
            <Fragment key={item.key}>
              <li>
                <a href={item.href} aria-current={current ? 'page' : undefined} className={className}>
                  {item.label}
                </a>
              </li>
              {item.key === 'schedule' && canOpenScreen('conflicts', granted) ? <ConflictsItem current={route.screen === 'conflicts'} /> : null}
            </Fragment>
          );
        })}
      </ul>
    </nav>
  );
}
