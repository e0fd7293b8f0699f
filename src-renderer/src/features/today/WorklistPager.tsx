/**
 * Pages of Today's work list: where the shown rows sit among all the incomplete intakes, and
 * buttons for the next and previous page. The buttons stay focusable at either end
 * (aria-disabled, not disabled) so a keyboard user paging with Enter keeps their place.
 */
import { WORKLIST_PAGE_SIZE } from '../intake/store';
import './day-of.css';

const count = new Intl.NumberFormat('en-US');

/** "Showing 26–50 of 1,324" (the words the pager and its tests read). */
export function pageRangeText(offset: number, shown: number, total: number): string {
  if (shown === 0) return `None of ${count.format(total)} shown`;
  return `Showing ${count.format(offset + 1)}–${count.format(offset + shown)} of ${count.format(total)}`;
}

export function WorklistPager({
  offset,
  shown,
  total,
  onPage,
}: {
  offset: number;
  shown: number;
  total: number;
  onPage: (offset: number) => void;
}) {
  const atStart = offset === 0;
  const atEnd = offset + shown >= total;
  if (atStart && atEnd) return null;
  return (
    <div className="worklist-pager" role="group" aria-label="Pages of intakes to complete">
      <button
        type="button"
        className="button button-small"
        aria-disabled={atStart}
        onClick={() => {
          if (!atStart) onPage(Math.max(0, offset - WORKLIST_PAGE_SIZE));
        }}
      >
        Previous {WORKLIST_PAGE_SIZE}
      </button>
      <span className="worklist-pager-range" aria-live="polite">
        {pageRangeText(offset, shown, total)}
      </span>
      <button
        type="button"
        className="button button-small"
        aria-disabled={atEnd}
        onClick={() => {
          if (!atEnd) onPage(offset + WORKLIST_PAGE_SIZE);
        }}
      >
        Next {WORKLIST_PAGE_SIZE}
      </button>
    </div>
  );
}
