import { describe, expect, it } from 'vitest';
import { sectionLabel as backendSectionLabel } from '../../../src-main/backend/authorizations/letters/clinic-templates';
import { letterTemplates } from '../../../src-main/backend/authorizations/letters/templates-file';
import { LETTER_KINDS, LETTER_PLACEHOLDERS, REQUIRED_PLACEHOLDERS } from '../../../src-shared/domain/authorizations/letters';
import {
  placeholderList,
  refusalsBySection,
  requiredInSection,
  sectionLabel,
  templateStateWords,
} from '../../../src-renderer/src/features/settings/letter-templates/words';

const placeholdersOf = (kind: (typeof LETTER_KINDS)[number]) =>
  Object.entries(LETTER_PLACEHOLDERS).map(([name, meaning]) => ({ name, meaning, required: REQUIRED_PLACEHOLDERS[kind].includes(name) }));

describe('Letter templates screen words', () => {
  it('labels each section as the backend’s refusals name it, for every built-in letter', () => {
    for (const kind of LETTER_KINDS) {
      for (const s of letterTemplates()[kind].sections) expect(sectionLabel(s), `${kind} ${s.key}`).toBe(backendSectionLabel(s));
    }
    expect(sectionLabel({ key: 'address', heading: '' })).toBe('Address and date');
    expect(sectionLabel({ key: 'argument', heading: 'Why I am appealing' })).toBe('Why I am appealing');
  });

  it('says built-in, or the clinic’s own with the saving date in the clinic’s zone (with year) and who', () => {
    expect(templateStateWords({ source: 'template', savedAt: null, savedBy: null }, 'America/Chicago')).toBe('Built-in template');
    // 03:30 UTC on March 8 is still March 7 in Chicago.
    const at = Date.UTC(2026, 2, 8, 3, 30);
    expect(templateStateWords({ source: 'clinic', savedAt: at, savedBy: 'Nora Admin' }, 'America/Chicago')).toBe('Clinic’s own · saved 03/07/2026 by Nora Admin');
    expect(templateStateWords({ source: 'clinic', savedAt: at, savedBy: 'Nora Admin' }, 'Europe/Berlin')).toBe('Clinic’s own · saved 03/08/2026 by Nora Admin');
    expect(templateStateWords({ source: 'clinic', savedAt: at, savedBy: null }, 'UTC')).toBe('Clinic’s own · saved 03/08/2026');
  });

  it('tells each section which needed placeholders it holds, and every needed one is told somewhere', () => {
    const appeal = letterTemplates().patient_appeal;
    const member = appeal.sections.find((s) => s.key === 'member')!;
    expect(requiredInSection(member.text, placeholdersOf('patient_appeal'))).toEqual(['patient.name', 'member.id', 'member.group', 'auth.number', 'service.dates', 'diagnoses', 'physician.name']);
    expect(requiredInSection(appeal.sections.find((s) => s.key === 'argument')!.text, placeholdersOf('patient_appeal'))).toEqual([]);
    for (const kind of LETTER_KINDS) {
      const told = new Set(letterTemplates()[kind].sections.flatMap((s) => requiredInSection(s.text, placeholdersOf(kind))));
      expect([...REQUIRED_PLACEHOLDERS[kind]].filter((p) => !told.has(p)), kind).toEqual([]);
    }
    expect(placeholderList(['member.id'])).toBe('{{member.id}}');
    expect(placeholderList(['a', 'b', 'c'])).toBe('{{a}}, {{b}} and {{c}}');
  });

  it('puts every refusal beside its section (several on one section all kept) and the rest at the top', () => {
    const r = refusalsBySection([
      { field: 'sections.argument', message: '{{x}} is not a placeholder.' },
      { field: 'sections.argument', message: '{{y}} is not a placeholder.' },
      { field: 'sections.argument', message: '{{x}} is not a placeholder.' },
      { field: 'sections.rights', message: 'The section is missing.' },
      { field: 'sections', message: 'The letter has no section "ps".' },
    ]);
    expect(r).toEqual({
      sections: { argument: ['{{x}} is not a placeholder.', '{{y}} is not a placeholder.'], rights: ['The section is missing.'] },
      other: ['The letter has no section "ps".'],
    });
  });
});
