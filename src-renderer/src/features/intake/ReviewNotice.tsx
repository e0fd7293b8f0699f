/**
 * Open review items (screening answers and interaction flags waiting for the physician's
 * sign-off) where the desk plans and works: a line on the Today work list and a notice in
 * the series planner. The chart's sign-off section is where they are reviewed.
 */
import { useEffect } from 'react';
import type { WorklistItem } from '../../../../src-shared/api/schemas/intake';
import { Badge } from './common';
import { useIntakeStore } from './store';
import './review.css';

/** The first three labels, then "and N more". */
function labels(items: readonly { label: string }[]): string {
  const shown = items.slice(0, 3).map((i) => i.label).join('; ');
  return items.length > 3 ? `${shown}; and ${items.length - 3} more` : shown;
}

/** Under a work list row: what waits for the physician, in words. */
export function OpenReviewLine({ items }: { items: WorklistItem['openReview'] }) {
  if (items.length === 0) return null;
  return (
    <div className="review-open-line" data-testid="open-review">
      <Badge tone="warning">Physician review</Badge>
      Waiting for the physician’s sign-off: {labels(items)}
    </div>
  );
}

/** In the series planner: the patient's open review, if any (read from the intake record). */
export function IntakeReviewNotice({ patientId }: { patientId: string }) {
  const record = useIntakeStore((s) => s.records[patientId]?.record ?? null);
  useEffect(() => {
    if (!useIntakeStore.getState().records[patientId]?.record) void useIntakeStore.getState().loadRecord(patientId);
  }, [patientId]);
  const review = record?.review;
  if (!review || review.status !== 'open') return null;
  const open = review.items.filter((i) => i.open);
  return (
    <p className="notice notice-warning" role="note" data-testid="planner-open-review">
      {review.summary} {labels(open)}. The physician reviews these before the first infusion.
    </p>
  );
}
