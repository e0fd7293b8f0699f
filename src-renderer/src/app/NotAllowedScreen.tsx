/**
 * A screen the signed-in person's role does not include (typed into the address, or a link
 * from someone else's screen): said in words, with the way to their own first screen,
 * instead of a page of refusals.
 */
import { ROLE_WORDS } from '../../../src-shared/api/permissions';
import { ScreenHeading } from '../components/ScreenHeading';
import { useAuthStore, useGranted } from '../features/auth/store';
import { homeScreen } from './access';
import { NAV_ITEMS } from './Nav';

export function NotAllowedScreen() {
  const user = useAuthStore((s) => s.status?.signedIn?.user ?? null);
  const home = homeScreen(useGranted());
  const homeItem = NAV_ITEMS.find((n) => n.key === home);
  const role = user ? ROLE_WORDS[user.role] : null;
  return (
    <section className="screen not-allowed" aria-labelledby="not-allowed-heading">
      <ScreenHeading title={<span id="not-allowed-heading">Your role does not include this screen</span>} />
      {user && role ? (
        <p>
          You are signed in as {user.displayName}, whose role is <strong>{role.name}</strong>: {lowerFirst(role.who)} If you need this screen,
          ask the clinic administrator to change your role.
        </p>
      ) : null}
      {homeItem ? (
        <p>
          <a className="button button-primary" href={homeItem.href}>
            Go to {homeItem.label}
          </a>
        </p>
      ) : (
        <p>Your role does not include any screen yet. Ask the clinic administrator.</p>
      )}
    </section>
  );
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
