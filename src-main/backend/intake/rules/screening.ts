/**
 * Contraindication screening: "clear" when every checklist item is answered and none is
 * answered with its flagging answer ('yes') or 'unsure'; otherwise "needs physician review"
 * with one reason per flagged item, in checklist order. Pure.
 */
import type { ScreeningAnswer, ScreeningItem, ScreeningResult } from '../../../../src-shared/api/schemas/intake';

export type ScreeningAnswers = Readonly<Record<string, { answer: ScreeningAnswer; note?: string | null | undefined } | undefined>>;

export const SCREENING_LABELS = { clear: 'clear', needs_review: 'needs physician review' } as const;

/** The first checklist item without an answer, or null when all are answered. */
export function firstUnanswered(items: readonly ScreeningItem[], answers: ScreeningAnswers): ScreeningItem | null {
  return items.find((i) => !answers[i.id]) ?? null;
}

export function evaluateScreening(items: readonly ScreeningItem[], answers: ScreeningAnswers): ScreeningResult {
  const reasons: ScreeningResult['reasons'] = [];
  for (const item of items) {
    const a = answers[item.id];
    const note = a?.note ?? null;
    if (!a) {
      // An item added to the checklist after this screening was recorded.
      reasons.push({ itemId: item.id, question: item.question, answer: null, reason: `Not asked: ${item.reason}`, note });
    } else if (a.answer === 'unsure') {
      reasons.push({ itemId: item.id, question: item.question, answer: 'unsure', reason: `Unsure: ${item.reason}`, note });
    } else if (a.answer === item.flagWhen) {
      reasons.push({ itemId: item.id, question: item.question, answer: a.answer, reason: item.reason, note });
    }
  }
  const status = reasons.length === 0 ? 'clear' : 'needs_review';
  return { status, label: SCREENING_LABELS[status], reasons };
}
