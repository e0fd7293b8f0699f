/**
 * Documents: prior records that arrived in the watched folders. Progress of reading them,
 * the inbox of records a person must match or check, and full-text search over all of them.
 */
import { useEffect } from 'react';
import { ScreenHeading } from '../../components/ScreenHeading';
import { RecordsInbox } from './RecordsInbox';
import { RecordsProgress } from './RecordsProgress';
import { RecordsSearch } from './RecordsSearch';
import { ensureRecordsLive } from './store';

export function DocumentsScreen() {
  useEffect(() => {
    ensureRecordsLive();
  }, []);
  return (
    <section className="screen records-screen">
      <ScreenHeading title="Documents" lead="Prior records from the watched folders: match each one to its patient, and find any record by its words." />
      <RecordsProgress />
      <RecordsInbox />
      <RecordsSearch />
    </section>
  );
}
