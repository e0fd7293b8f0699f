/**
 * Editing a draft package, as pure rules over what authorization_letters.content holds: the
 * letter paragraphs typed over, the enclosures ticked and ordered, and what to warn about before
 * it is filed. The letter cites records by enclosure number, so a change of enclosures writes
 * the paragraphs nobody typed over again with the new numbers, and names the typed-over ones
 * that cite enclosures (their numbers may now be wrong) instead of silently rewriting a person's words.
 */
import type { ChartEvidence } from '../../../../src-shared/domain/authorizations/evidence';
import type { PayerRuleSet } from '../../../../src-shared/domain/authorizations/payer-rules';
import { answerCriterion, type LetterSection, type PackageContent, type PackageEnclosure } from './package-model';

/** The stored draft: the package content plus which paragraphs a person typed over. */
export interface StoredPackage extends PackageContent {
  /** Keys of the paragraphs a person typed over. */
  edited: string[];
  /** Keys of typed-over paragraphs citing enclosures whose numbers changed since. */
  stale: string[];
}

export class PackageEditError extends Error {
  constructor(
    readonly field: 'sections' | 'enclosures',
    message: string,
  ) {
    super(message);
    this.name = 'PackageEditError';
  }
}

export function storedPackage(content: Record<string, unknown>): StoredPackage {
  const c = content as Partial<StoredPackage>;
  return { sections: c.sections ?? [], enclosures: c.enclosures ?? [], edited: c.edited ?? [], stale: c.stale ?? [] };
}

export const ENCLOSABLE_TYPES: readonly string[] = ['application/pdf', 'image/png', 'image/jpeg'];

/**
 * The stored enclosures with the chart's records filed since the draft appended, unticked, so a
 * record that arrived later can still be chosen.
 */
export function withChartRecords(enclosures: PackageEnclosure[], records: ChartEvidence['records']): PackageEnclosure[] {
  const known = new Set(enclosures.map((e) => e.documentId));
  const added = records
    .filter((r) => !known.has(r.documentId))
    .map((r) => ({ documentId: r.documentId, title: r.title, mimeType: r.mimeType, pages: r.pages, include: false }));
  return [...enclosures, ...added];
}

/** Why a record cannot go in the package, or null. */
export function enclosureProblem(e: PackageEnclosure, onChart: ReadonlySet<string>): string | null {
  if (!onChart.has(e.documentId)) return 'No longer on the chart (removed since the draft was written).';
  if (!ENCLOSABLE_TYPES.includes(e.mimeType)) return `A ${e.mimeType} file: only PDF, PNG and JPEG records can be enclosed.`;
  return null;
}

const includedOrder = (enclosures: PackageEnclosure[]) =>
  enclosures
    .filter((e) => e.include)
    .map((e) => e.documentId)
    .join('|');

const citesEnclosures = (s: LetterSection) => /\bEnclosure \d+\b/.test(s.text);

export interface PackageEdits {
  sections: { key: string; heading?: string | null | undefined; text: string }[];
  enclosures?: { documentId: string; include: boolean }[] | undefined;
}

/**
 * The draft after a person's edits. `redraft` writes the letter's paragraphs from the chart for a
 * given enclosure list (called only when the enclosure numbers change).
 */
export function applyPackageEdits(
  current: StoredPackage,
  records: ChartEvidence['records'],
  edits: PackageEdits,
  redraft: (enclosures: PackageEnclosure[]) => LetterSection[],
): StoredPackage {
  const byKey = new Map(current.sections.map((s) => [s.key, s]));
  const unknown = edits.sections.find((s) => !byKey.has(s.key));
  if (unknown) throw new PackageEditError('sections', `This letter has no paragraph "${unknown.key}". Reload the package and edit it again.`);

  let enclosures = current.enclosures;
  if (edits.enclosures) {
    const all = withChartRecords(current.enclosures, records);
    const byId = new Map(all.map((e) => [e.documentId, e]));
    const missing = edits.enclosures.find((e) => !byId.has(e.documentId));
    if (missing) throw new PackageEditError('enclosures', 'One of the records chosen is not on this patient’s chart. Reload the package and choose again.');
    const named = new Set(edits.enclosures.map((e) => e.documentId));
    if (named.size !== edits.enclosures.length) throw new PackageEditError('enclosures', 'A record is listed twice in the enclosures. Choose each record once.');
    enclosures = [
      ...edits.enclosures.map((e) => ({ ...byId.get(e.documentId)!, include: e.include })),
      ...all.filter((e) => !named.has(e.documentId)),
    ];
  }

  const edited = new Set(current.edited);
  const stale = new Set(current.stale);
  let sections = current.sections;
  if (includedOrder(enclosures) !== includedOrder(current.enclosures)) {
    // The numbers moved: write again what nobody typed over; flag typed-over text that cites numbers.
    const fresh = new Map(redraft(enclosures).map((s) => [s.key, s]));
    sections = sections.map((s) => {
      if (edited.has(s.key)) {
        if (citesEnclosures(s)) stale.add(s.key);
        return s;
      }
      const f = fresh.get(s.key);
      return f ? { ...s, text: f.text } : s;
    });
  }
  const typed = new Map(edits.sections.map((s) => [s.key, s]));
  sections = sections.map((s) => {
    const t = typed.get(s.key);
    if (!t) return s;
    if (t.text !== s.text || (t.heading !== undefined && (t.heading ?? '') !== s.heading)) {
      edited.add(s.key);
      stale.delete(s.key);
    }
    return { key: s.key, heading: t.heading === undefined ? s.heading : (t.heading ?? ''), text: t.text };
  });
  return { sections, enclosures, edited: [...edited], stale: [...stale] };
}

/** What to read before filing: criteria the chart does not show, records that cannot go, citations to check. */
export function packageWarnings(
  pkg: StoredPackage,
  ev: ChartEvidence,
  diagnosisGroup: string | null,
  rules: PayerRuleSet | null,
  problems: Map<string, string | null>,
): string[] {
  const out: string[] = [];
  const numbers = new Map<string, number>();
  pkg.enclosures.filter((e) => e.include).forEach((e, i) => numbers.set(e.documentId, i + 1));
  const reqs = (diagnosisGroup && rules?.evidence[diagnosisGroup as keyof PayerRuleSet['evidence']]) || [];
  const notShown = reqs.filter((r) => !answerCriterion(r, ev, numbers).met).map((r) => r.label);
  if (notShown.length) out.push(`The chart does not show what ${rules?.name ?? 'the payer'} asks for: ${notShown.join('; ')}.`);
  for (const e of pkg.enclosures) {
    const p = problems.get(e.documentId);
    if (e.include && p) out.push(`"${e.title}" cannot be enclosed: ${p} Untick it.`);
  }
  if (!pkg.enclosures.some((e) => e.include)) out.push('No records are enclosed: the payer gets the letter without the records it cites.');
  for (const key of pkg.stale) {
    const s = pkg.sections.find((x) => x.key === key);
    if (s) out.push(`"${s.heading}" was typed over before the enclosures changed: check the enclosure numbers it cites.`);
  }
  return out;
}
