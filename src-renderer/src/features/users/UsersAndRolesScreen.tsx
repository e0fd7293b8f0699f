/**
 * Settings → Users and roles (administrators: 'users.manage'): the clinic's users, what each
 * role may do, and how soon an unused screen locks. Users and roles are synced rows, so what is
 * set here holds on every computer of the clinic.
 */
import { paths } from '../../app/router';
import { ScreenHeading } from '../../components/ScreenHeading';
import { IdleLockSection } from './IdleLockSection';
import { RolesSection } from './RolesSection';
import { UsersSection } from './UsersSection';
import './users.css';

export function UsersAndRolesScreen() {
  return (
    <section className="screen users-screen">
      <p className="breadcrumb">
        <a href={paths.settings}>Settings</a> <span aria-hidden="true">›</span> Users and roles
      </p>
      <ScreenHeading
        title="Users and roles"
        lead="Everyone who uses Infusion Desk signs in as themselves. What they may do comes from their role. This holds on all the clinic’s computers."
      />
      <UsersSection />
      <RolesSection />
      <IdleLockSection />
    </section>
  );
}
