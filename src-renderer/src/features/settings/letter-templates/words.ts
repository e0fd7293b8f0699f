/**
 * Words for Settings › Letter templates: what each letter is for, what a section is called, the
 * state of a kind ("Built-in template" or the clinic's own, when and by whom), and which
 * placeholders a section must keep. Pure, so tests read it without a screen.
 */
import type { LetterTemplateView } from '../../../../../src-shared/api/schemas/letter-templates';
import { formatCalendarDate } from '../../../../../src-shared/domain/dates';
import { localDateAt } from '../../../../../src-shared/domain/zoned-time';

type Kind = LetterTemplateView['kind'];

/** The name of each letter on this page: the kinds a front desk asks for by these words. */
export const KIND_NAMES: Readonly<Record<Kind, string>> = {
  p2p_request: 'Peer-to-peer request',
  patient_appeal: 'Patient appeal letter',
  provider_appeal: 'Provider appeal letter',
};

/**
 * What each letter is for, in the desk's words (the built-in files' own notes cite the design
 * documents, which mean nothing at the front desk).
 */
export const KIND_PURPOSE: Readonly<Record<Kind, string>> = {
  p2p_request: 'Sent to the payer after a denial, asking for a call between the treating physician and the payer’s reviewing physician.',
  patient_appeal: 'Written for the patient to sign, asking the plan to review a denial again.',
  provider_appeal: 'The physician’s letter answering the denial criterion by criterion, citing the enclosed records.',
};

/**
 * What a section is called on the screen: its heading, else words for its key. The same
 * words as the backend's refusals use (clinic-templates.ts sectionLabel), so "“Why I am
 * appealing” ..." in a message matches the label above the text it is about.
 */
export function sectionLabel(s: { key: string; heading: string }): string {
  if (s.heading.trim()) return s.heading.trim();
  const words: Record<string, string> = { address: 'Address and date', signature: 'Signature' };
  return words[s.key] ?? s.key.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/** "Built-in template", or "Clinic's own · saved 03/07/2026 by Nora Admin" (the date in the clinic's zone). */
export function templateStateWords(t: Pick<LetterTemplateView, 'source' | 'savedAt' | 'savedBy'>, timeZone: string): string {
  if (t.source !== 'clinic') return 'Built-in template';
  const when = t.savedAt !== null ? ` · saved ${formatCalendarDate(localDateAt(timeZone, t.savedAt))}` : '';
  const who = t.savedAt !== null && t.savedBy ? ` by ${t.savedBy}` : '';
  return `Clinic’s own${when}${who}`;
}

/**
 * The required placeholders the built-in wording of a section holds: the backend refuses a
 * save that drops one of them, naming this section, so the section says so up front.
 */
export function requiredInSection(builtIn: string, placeholders: LetterTemplateView['placeholders']): string[] {
  return placeholders.filter((p) => p.required && builtIn.includes(`{{${p.name}}}`)).map((p) => p.name);
}

/** "{{a}}", "{{a}} and {{b}}", "{{a}}, {{b}} and {{c}}". */
export function placeholderList(names: string[]): string {
  const braced = names.map((n) => `{{${n}}}`);
  return braced.length <= 1 ? braced.join('') : `${braced.slice(0, -1).join(', ')} and ${braced[braced.length - 1]}`;
}

/** The refusals of a save, by section key (every message kept: a section can have several). */
export function refusalsBySection(issues: { field: string; message: string }[]): { sections: Record<string, string[]>; other: string[] } {
  const sections: Record<string, string[]> = {};
  const other: string[] = [];
  for (const i of issues) {
    const key = i.field.startsWith('sections.') ? i.field.slice('sections.'.length) : null;
    if (key) {
      const list = (sections[key] ??= []);
      if (!list.includes(i.message)) list.push(i.message);
    } else if (!other.includes(i.message)) other.push(i.message);
  }
  return { sections, other };
}
