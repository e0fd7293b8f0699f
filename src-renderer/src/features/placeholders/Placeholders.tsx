/**
 * Screens that are not built yet. Each says plainly what will be there, so nobody mistakes
 * an empty page for missing data. No sample rows, no made-up figures.
 */
import type { ReactNode } from 'react';
import { paths } from '../../app/router';
import { ScreenHeading } from '../../components/ScreenHeading';

function ComingScreen({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="screen">
      <ScreenHeading title={title} />
      <div className="placeholder">
        {children}
        <p className="muted">This screen is not built yet.</p>
      </div>
    </section>
  );
}

// Built: the authorization work list lives with its feature.
export { AuthorizationsScreen } from '../authorizations/AuthorizationsScreen';

export function DocumentsScreen() {
  return (
    <ComingScreen title="Documents">
      <p>
        Prior records and referral documents will be collected here: files placed in the clinic’s intake folder are
        read, matched to the right patient, and made searchable.
      </p>
    </ComingScreen>
  );
}

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
