import { describe, expect, it } from 'vitest';
import { credentialsFromName, fillTemplate, letterPlainText, templateProblems } from '../../../src-shared/domain/authorizations/letters';

describe('letter rules', () => {
  it('fills placeholders in one pass: a value holding a placeholder prints as typed', () => {
    expect(fillTemplate('Reason: {{denial.reason}} / {{ member.id }} / {{unknown.thing}}', { 'denial.reason': '{{member.id}} and $& $1', 'member.id': 'M-1' })).toBe(
      'Reason: {{member.id}} and $& $1 / M-1 / {{unknown.thing}}',
    );
  });

  it('finds unknown and mistyped placeholders, and the ones a letter must keep', () => {
    const ok = '{{member.id}} {{auth.number}} {{denial.date}} {{denial.reason}} {{physician.name}} {{physician.credentials}} {{call.windows}}';
    expect(templateProblems('p2p_request', [ok])).toEqual([]);
    expect(templateProblems('p2p_request', [`${ok} {{ Member ID }} {{p2p.due}}`])).toEqual(['{{Member ID}} is not a placeholder this app knows']);
    expect(templateProblems('p2p_request', ['{{member.id}}'])).toEqual([
      'it must use {{auth.number}}, {{denial.date}}, {{denial.reason}}, {{physician.name}}, {{physician.credentials}}, {{call.windows}}',
    ]);
  });

  it('reads credentials off the end of a staff name', () => {
    expect(credentialsFromName('Dana Whitfield, MD')).toBe('MD');
    expect(credentialsFromName('Sam Ito, DO, PhD')).toBe('DO, PhD');
    expect(credentialsFromName('Mdina Jones')).toBeNull();
    expect(credentialsFromName('Lee Okafor')).toBeNull();
  });

  it('writes the plain text as title, then heading and text per section', () => {
    expect(letterPlainText('T', [{ key: 'a', heading: '', text: 'x\ny' }, { key: 'b', heading: 'H', text: 'z' }])).toBe('T\n\nx\ny\n\nH\nz\n');
  });
});
