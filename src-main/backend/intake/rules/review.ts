/**
 * What needs the physician's review before ketamine, and whether their sign-off covers it.
 *
 * Review items: each screening answer that flags (yes, unsure, or a question added to the
 * checklist after the screening) and each current medication with a "review" interaction
 * ("caution" flags are noted and monitored, not reviewed: resources/intake/interactions.json).
 * Each item has a key that stays the same while the fact does, so a sign-off (which keeps the
 * keys it reviewed) covers exactly what the physician saw: a new flagged answer or a newly
 * flagged medication after it is open again until the next sign-off. Only the latest
 * sign-off counts: it reviewed the intake as it stood then. Pure.
 */
import type {
  IntakeReview,
  InteractionFlag,
  InteractionRule,
  ReviewItem,
  ScreeningItem,
  SignOff,
} from '../../../../src-shared/api/schemas/intake';
import { interactionFlags } from './interactions';
import { evaluateScreening, type ScreeningAnswers } from './screening';
import { foldWords } from './words';

/** "Poorly controlled ... hypertension: ketamine raises ..." → "Poorly controlled ... hypertension". */
function headOf(reason: string): string {
  const colon = reason.indexOf(': ');
  return (colon > 0 ? reason.slice(0, colon) : reason).replace(/\.$/, '');
}

export function reviewItems(
  screeningItems: readonly ScreeningItem[],
  screeningAnswers: ScreeningAnswers | null,
  /** A medication's `flags`, when given, are its interactionFlags under these rules (the chart has them already). */
  medications: readonly { drug: string; flags?: readonly InteractionFlag[] }[],
  rules: readonly InteractionRule[],
): ReviewItem[] {
  const out: ReviewItem[] = [];
  const seen = new Set<string>();
  const add = (item: ReviewItem) => {
    if (seen.has(item.key)) return;
    seen.add(item.key);
    out.push(item);
  };
  if (screeningAnswers) {
    const byId = new Map(screeningItems.map((i) => [i.id, i]));
    for (const r of evaluateScreening(screeningItems, screeningAnswers).reasons) {
      const item = byId.get(r.itemId)!;
      const answered = r.answer === null ? 'not asked' : `answered ${r.answer}`;
      add({
        key: `screening:${r.itemId}:${r.answer ?? 'not_asked'}`,
        kind: 'screening',
        label: `${headOf(item.reason)} (${answered})`,
        detail: `${r.question} ${r.answer === null ? 'Not asked at the screening.' : `Answered ${r.answer}.`}${r.note ? ` Note: ${r.note}` : ''}`,
      });
    }
  }
  const flagged = medications
    .map((m) => ({ drug: m.drug.trim(), flags: (m.flags ?? interactionFlags(m.drug, rules)).filter((f) => f.severity === 'review') }))
    .filter((m) => m.flags.length > 0)
    .sort((a, b) => a.drug.localeCompare(b.drug));
  for (const m of flagged) {
    for (const f of m.flags) {
      add({ key: `interaction:${f.ruleId}:${foldWords(m.drug)}`, kind: 'interaction', label: `${m.drug}: ${f.name}`, detail: f.why });
    }
  }
  return out;
}

/** The items the latest sign-off (which reviewed `covered`, the keys) does not cover. */
export function openItems(items: readonly ReviewItem[], covered: readonly string[]): ReviewItem[] {
  const keys = new Set(covered);
  return items.filter((i) => !keys.has(i.key));
}

/** Labels for a short list: the first three, then "and N more". */
export function labelList(labels: readonly string[], max = 3): string {
  const shown = labels.slice(0, max).join('; ');
  return labels.length > max ? `${shown}; and ${labels.length - max} more` : shown;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The review as the chart shows it. `signOffs` newest first; `screeningDone` false when no
 * screening is recorded (the sign-off covers its answers, so it must come first).
 */
export function evaluateReview(items: readonly ReviewItem[], signOffs: readonly SignOff[], screeningDone: boolean): IntakeReview {
  const latest = signOffs[0];
  const open = new Set(openItems(items, latest?.reviewed.map((r) => r.key) ?? []));
  const withOpen = items.map((i) => ({ ...i, open: open.has(i) }));
  // Open first, each group in its own order (screening, then medications by name).
  const sorted = [...withOpen.filter((i) => i.open), ...withOpen.filter((i) => !i.open)];
  const openCount = sorted.filter((i) => i.open).length;

  let status: IntakeReview['status'];
  let summary: string;
  if (items.length === 0) {
    status = 'not_needed';
    summary = latest ? 'Nothing is waiting for the physician’s review now.' : 'Nothing needs the physician’s review: the screening is clear and no medication is flagged for review.';
  } else if (openCount > 0) {
    status = 'open';
    const what = plural(openCount, 'item', 'items');
    summary = latest
      ? `Waiting for the physician’s sign-off again: ${what} new since the last sign-off.`
      : `Waiting for the physician’s sign-off: ${what} to review.`;
  } else {
    status = 'signed_off';
    summary = `Signed off by ${latest!.signedByName}.`;
  }

  let blockedReason: string | null = null;
  if (!screeningDone) blockedReason = 'Record the contraindication screening first: the sign-off covers its answers.';
  else if (items.length === 0) blockedReason = 'Nothing needs the physician’s review: the screening is clear and no current medication is flagged for review.';
  else if (openCount === 0) blockedReason = 'The latest sign-off already covers everything that needs review.';

  return { status, summary, items: sorted, openCount, signOffs: [...signOffs], blockedReason };
}

/**
 * Why the items a physician says they reviewed cannot be signed off, or null when they name
 * every open item and nothing that is no longer there. A new item since the chart was loaded
 * must be looked at first.
 */
export function reviewedMismatch(review: IntakeReview, reviewed: readonly string[]): string | null {
  const open = review.items.filter((i) => i.open);
  const given = new Set(reviewed);
  const unseen = open.filter((i) => !given.has(i.key));
  if (unseen.length > 0) {
    return `Something new needs review since this chart was loaded: ${labelList(unseen.map((i) => i.label))}. Look at it, then sign off again.`;
  }
  // Items the last sign-off covered may be listed again (the new one covers everything now).
  const current = new Set(review.items.map((i) => i.key));
  if (reviewed.some((k) => !current.has(k))) {
    return 'The items to review have changed since this chart was loaded (one no longer needs review). Reload the chart and sign off again.';
  }
  return null;
}
