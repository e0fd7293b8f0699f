/**
 * Screens that are not built yet. Each says plainly what will be there, so nobody mistakes
 * an empty page for missing data. No sample rows, no made-up figures.
 */
import { paths } from '../../app/router';
import { ScreenHeading } from '../../components/ScreenHeading';

// Built: the authorization work list lives with its feature.
export { AuthorizationsScreen } from '../authorizations/AuthorizationsScreen';

// Built: prior records (inbox, progress, search) live with their feature.
export { DocumentsScreen } from '../records/DocumentsScreen';

export function NotFoundScreen({ path }: { path: string }) {
  return (
    <section className="screen">
      <ScreenHeading title="Page not found" />
      <p>
        There is no page at “{path}”. Choose a screen on the left, or go to <a href={paths.patients}>Patients</a>.
      </p>
    </section>
  );
}
