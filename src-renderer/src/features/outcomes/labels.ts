/** Shared wording for outcome screens. */
export const CATEGORY_BADGE: Record<string, string> = {
  substantial: 'badge-success',
  moderate: 'badge-success',
  minimal: 'badge-warning',
  none: 'badge-danger',
  worse: 'badge-danger',
  unchanged_zero: 'badge-neutral',
};

export function percentText(p: number | null): string {
  return p === null ? '—' : `${Math.round(p)}%`;
}

export function rateText(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`;
}
