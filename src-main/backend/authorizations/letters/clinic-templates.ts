/**
 * Settings → Letter templates: the clinic's own wording of each letter, saved over the built-in
 * template (resources/authorizations/letters/, templates-file.ts) in letter_templates, one row
 * per kind with an id stable from the kind, so two computers saving the same letter while apart
 * write one row. A copy holds only the text per section key; the built-in file gives the title,
 * headings and order. "Back to the built-in template" keeps the row with its sections null.
 *
 * A copy is checked like the built-in files: every section there and none other, no longer than
 * 20,000 characters, no hidden control characters, no placeholder this app does not know and
 * none the letter needs dropped; a refusal names the section and saves nothing. Drafting reads
 * the copy through letterTemplateFor; the letter keeps its own text, so a later change to the
 * template never reaches a letter already written.
 */
import { eq } from 'drizzle-orm';
import { ApiError, type FieldIssue } from '../../../../src-shared/api/errors';
import { textCharacterProblem } from '../../../../src-shared/api/schemas/common';
import { TEMPLATE_SECTION_MAX, type LetterTemplateView } from '../../../../src-shared/api/schemas/letter-templates';
import { LETTER_KINDS, LETTER_KIND_WORDS, LETTER_PLACEHOLDERS, REQUIRED_PLACEHOLDERS, templateProblems, type LetterKind } from '../../../../src-shared/domain/authorizations/letters';
import type { HandlerContext, PartialHandlers } from '../../api/context';
import { insertRow, updateRow } from '../../db/mutate';
import { stableId } from '../../db/stable-id';
import { clinicLetterTemplates } from '../schema';
import { letterTemplates, type LetterTemplate } from './templates-file';

type Row = typeof clinicLetterTemplates.$inferSelect;
type Ctx = Pick<HandlerContext, 'db'>;

const copyId = (kind: LetterKind) => stableId('letter_templates', kind);

/** What a section is called on the screen and in refusals: its heading, else words for its key. */
export function sectionLabel(s: { key: string; heading: string }): string {
  if (s.heading.trim()) return s.heading.trim();
  const words: Record<string, string> = { address: 'Address and date', signature: 'Signature' };
  return words[s.key] ?? s.key.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

function storedRow(ctx: Ctx, kind: LetterKind): Row | undefined {
  return ctx.db.select().from(clinicLetterTemplates).where(eq(clinicLetterTemplates.id, copyId(kind))).get();
}

const BRACED = /\{\{([^{}]*)\}\}/g;

function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_x, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const keep = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = keep;
    }
  }
  return d[b.length]!;
}

/** The known placeholder a mistyped one most likely meant (null when none is close). */
function nearest(name: string): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (const p of Object.keys(LETTER_PLACEHOLDERS)) {
    const dd = distance(name.toLowerCase(), p);
    if (dd < bestD) [best, bestD] = [p, dd];
  }
  return best !== null && bestD <= Math.max(2, Math.floor(name.length / 4)) ? best : null;
}

/**
 * Every problem with a clinic's wording of `template`, each on the section it is about
 * (field `sections.<key>`); empty when it can be saved. `texts` is by section key.
 */
export function clinicTemplateIssues(template: LetterTemplate, texts: Map<string, string>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const known = new Set(template.sections.map((s) => s.key));
  for (const key of texts.keys()) {
    if (!known.has(key)) issues.push({ field: 'sections', message: `The ${LETTER_KIND_WORDS[template.kind].toLowerCase()} has no section "${key}". Reload the page and edit it again.` });
  }
  const used = new Set<string>();
  for (const s of template.sections) {
    const field = `sections.${s.key}`;
    const label = `“${sectionLabel(s)}”`;
    const text = texts.get(s.key);
    if (text === undefined) {
      issues.push({ field, message: `The section ${label} is missing: every section of the built-in template must be saved (keep its wording if the clinic has nothing to change).` });
      continue;
    }
    if (text.trim() === '') {
      issues.push({ field, message: `Enter the text of ${label}: a section cannot be blank.` });
      continue;
    }
    if (text.length > TEMPLATE_SECTION_MAX) {
      issues.push({ field, message: `${label} can be at most ${TEMPLATE_SECTION_MAX.toLocaleString('en-US')} characters (it has ${text.length.toLocaleString('en-US')}).` });
      continue;
    }
    const chars = textCharacterProblem(text, label, true);
    if (chars) {
      issues.push({ field, message: chars });
      continue;
    }
    const unknown: string[] = [];
    for (const m of text.matchAll(BRACED)) {
      const name = m[1]!.trim();
      used.add(name);
      if (!(name in LETTER_PLACEHOLDERS) && !unknown.includes(name)) unknown.push(name);
    }
    for (const name of unknown) {
      const near = nearest(name);
      issues.push({
        field,
        message: `{{${name}}} is not a placeholder: use one from the list of placeholders${near ? ` (did you mean {{${near}}}?)` : ''}.`,
      });
    }
  }
  // What the letter needs must stay: each one asked for in the section that has it built in.
  const titleAndHeadings = [template.title, ...template.sections.map((s) => s.heading)].join('\n');
  for (const p of REQUIRED_PLACEHOLDERS[template.kind]) {
    if (used.has(p) || titleAndHeadings.includes(`{{${p}}}`)) continue;
    const home = template.sections.find((s) => s.text.includes(`{{${p}}}`)) ?? template.sections[0]!;
    if (issues.some((i) => i.field === `sections.${home.key}`)) continue;
    issues.push({ field: `sections.${home.key}`, message: `The ${LETTER_KIND_WORDS[template.kind].toLowerCase()} must use {{${p}}} (${LETTER_PLACEHOLDERS[p]!.replace(/^./, (c) => c.toLowerCase())}); the built-in template has it in this section.` });
  }
  return issues;
}

export interface ResolvedLetterTemplate {
  template: LetterTemplate;
  source: 'template' | 'clinic';
  /** A clinic copy was saved but no longer reads: the built-in wording stands in (said as a warning on the draft). */
  unreadable: boolean;
  row: Row | undefined;
}

/** The template a new draft of `kind` is written from: the clinic's copy, else the built-in one. */
export function letterTemplateFor(ctx: Ctx, kind: LetterKind): ResolvedLetterTemplate {
  const builtIn = letterTemplates()[kind];
  const row = storedRow(ctx, kind);
  const saved = row && row.deletedAt === null && Array.isArray(row.sections) ? row.sections : null;
  if (!saved) return { template: builtIn, source: 'template', unreadable: false, row };
  const texts = new Map(saved.map((s) => [s.key, s.text]));
  // A section the built-in template gained since the copy was saved keeps its built-in wording.
  const template: LetterTemplate = { ...builtIn, sections: builtIn.sections.map((s) => ({ ...s, text: texts.get(s.key) ?? s.text })) };
  const problems = templateProblems(kind, [template.title, ...template.sections.flatMap((s) => [s.heading, s.text])]);
  if (problems.length) return { template: builtIn, source: 'template', unreadable: true, row };
  return { template, source: 'clinic', unreadable: false, row };
}

function view(ctx: Ctx, kind: LetterKind): LetterTemplateView {
  const builtIn = letterTemplates()[kind];
  const r = letterTemplateFor(ctx, kind);
  const required = new Set(REQUIRED_PLACEHOLDERS[kind]);
  const clinic = r.source === 'clinic';
  return {
    kind,
    title: builtIn.title,
    about: builtIn.about,
    source: r.source,
    sections: r.template.sections.map((s, i) => ({ key: s.key, heading: s.heading, text: s.text, builtIn: builtIn.sections[i]!.text })),
    placeholders: Object.entries(LETTER_PLACEHOLDERS).map(([name, meaning]) => ({ name, meaning, required: required.has(name) })),
    savedAt: clinic ? (r.row?.savedAt ?? null) : null,
    savedBy: clinic ? (r.row?.savedBy ?? null) : null,
    version: r.row?.version ?? null,
    unreadable: r.unreadable,
  };
}

/** The stored copy's version must be the one the screen read (null: no copy was ever saved). */
function checkVersion(row: Row | undefined, expected: number | null, kind: LetterKind): void {
  if ((row?.version ?? null) !== expected) {
    throw new ApiError(
      'CONFLICT',
      `The ${LETTER_KIND_WORDS[kind].toLowerCase()} template was changed by someone else after you opened it. Reload to see the latest, then make your change again.`,
    );
  }
}

export const letterTemplateHandlers: PartialHandlers = {
  'letterTemplates.list': (_input, ctx) => LETTER_KINDS.map((kind) => view(ctx, kind)),

  'letterTemplates.save': ({ kind, sections, expectedVersion }, ctx) => {
    const builtIn = letterTemplates()[kind];
    const texts = new Map<string, string>();
    const twice = new Set<string>();
    for (const s of sections) {
      if (texts.has(s.key)) twice.add(s.key);
      // Line breaks as typed on any computer; trailing blank lines are not part of the wording.
      texts.set(s.key, s.text.replace(/\r\n?/g, '\n').replace(/\s+$/, ''));
    }
    const issues = clinicTemplateIssues(builtIn, texts);
    for (const key of twice) issues.unshift({ field: 'sections', message: `The section "${key}" was sent twice. Reload the page and edit it again.` });
    if (issues.length) {
      const message = issues.length === 1 ? issues[0]!.message : `The template was not saved: ${issues.length} problems, each shown beside its section. ${issues[0]!.message}`;
      throw new ApiError('VALIDATION', message, { field: issues[0]!.field, issues });
    }
    return ctx.sqlite.transaction(() => {
      const row = storedRow(ctx, kind);
      checkVersion(row, expectedVersion, kind);
      const copy = builtIn.sections.map((s) => ({ key: s.key, text: texts.get(s.key)! }));
      const by = ctx.userId ? ctx.user.displayName : null;
      if (!row) {
        insertRow(ctx, clinicLetterTemplates, { id: copyId(kind), kind, sections: copy, savedAt: ctx.now(), savedBy: by });
      } else if (JSON.stringify(row.sections) !== JSON.stringify(copy)) {
        updateRow(ctx, clinicLetterTemplates, row.id, { sections: copy, savedAt: ctx.now(), savedBy: by }, { what: `The ${LETTER_KIND_WORDS[kind].toLowerCase()} template` });
      }
      return view(ctx, kind);
    })();
  },

  'letterTemplates.reset': ({ kind, expectedVersion }, ctx) => {
    return ctx.sqlite.transaction(() => {
      const row = storedRow(ctx, kind);
      checkVersion(row, expectedVersion, kind);
      if (row && row.sections !== null) {
        updateRow(
          ctx,
          clinicLetterTemplates,
          row.id,
          { sections: null, savedAt: ctx.now(), savedBy: ctx.userId ? ctx.user.displayName : null },
          { what: `The ${LETTER_KIND_WORDS[kind].toLowerCase()} template` },
        );
      }
      return view(ctx, kind);
    })();
  },
};
