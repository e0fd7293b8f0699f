import type { Route, ScreenKey } from './router';

export const NAV_ITEMS: { key: ScreenKey; label: string; href: string }[] = [
  { key: 'today', label: 'Today', href: '#/today' },
  { key: 'patients', label: 'Patients', href: '#/patients' },
  { key: 'schedule', label: 'Schedule', href: '#/schedule' },
  { key: 'outcomes', label: 'Outcomes', href: '#/outcomes' },
  { key: 'authorizations', label: 'Authorizations', href: '#/authorizations' },
  { key: 'documents', label: 'Documents', href: '#/documents' },
  { key: 'board', label: 'Board', href: '#/board' },
  { key: 'settings', label: 'Settings', href: '#/settings' },
];

export function Nav({ route }: { route: Route }) {
  return (
    <nav className="app-nav" aria-label="Main">
      <ul>
        {NAV_ITEMS.map((item) => {
          const current = route.screen === item.key;
          return (
            <li key={item.key}>
              <a href={item.href} aria-current={current ? 'page' : undefined} className={current ? 'is-current' : undefined}>
                {item.label}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
