/** Settings › Prior records: the folders watched for faxed and scanned records. */
import { WatchedFoldersSection } from '../../records/WatchedFoldersSection';

export function RecordsPage() {
  return <WatchedFoldersSection />;
}
