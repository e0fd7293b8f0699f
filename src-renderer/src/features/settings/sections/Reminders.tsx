/** Settings › Reminders: the templates and the clinic details reminders use. */
import { RemindersSettings } from '../../reminders/RemindersSettings';

export function RemindersPage() {
  return <RemindersSettings />;
}
