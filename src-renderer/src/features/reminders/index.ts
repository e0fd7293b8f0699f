/** What other screens place: the outbox (Schedule, a patient's chart) and the series calendar file button. */
export { OutboxPanel } from './OutboxPanel';
export { SeriesCalendarFileButton } from './SeriesCalendarFileButton';
export { RemindersSettings } from './RemindersSettings';
