/**
 * The records pipeline's pure rules, table-driven: junk names, file kinds, the stability
 * check, image headers, identifiers (MRNs and date formats), the patient match and its
 * reasons, document-type rules, search query building and snippets, DOCX text, and the rules
 * file's schema.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { docxXmlToText } from '../../../src-main/backend/records/rules/docx-text';
import { fileKind, unsupportedReason } from '../../../src-main/backend/records/rules/file-kind';
import { HIT_CLOSE, HIT_OPEN, snippetParts, toFtsQuery } from '../../../src-main/backend/records/rules/fts-query';
import { findDates, findMrns } from '../../../src-main/backend/records/rules/identifiers';
import { imageSize } from '../../../src-main/backend/records/rules/image-size';
import { isJunkDir, junkReason } from '../../../src-main/backend/records/rules/junk';
import { editDistance, matchRecord, type PatientLite } from '../../../src-main/backend/records/rules/match';
import { hasSettled, observe } from '../../../src-main/backend/records/rules/stability';
import { classifyRecord, compileTypeRules, typeRulesFileSchema } from '../../../src-main/backend/records/rules/type-rules';
import { readTypeRules, typeRulesPath } from '../../../src-main/backend/records/type-rules-file';
import { PROJECT_ROOT } from '../../support/temp-backend';
import { scanJpeg, scanPng } from './fixtures';

describe('junk names', () => {
  it.each([
    ['Thumbs.db', 'system file'],
    ['desktop.ini', 'system file'],
    ['.DS_Store', 'system file'],
    ['._referral.pdf', 'macOS resource file'],
    ['~$letter.docx', 'office lock file'],
    ['.~lock.letter.docx#', 'office lock file'],
    ['.hidden.pdf', 'hidden file'],
    ['scan.pdf.part', 'temporary file (still being written)'],
    ['fax.crdownload', 'temporary file (still being written)'],
    ['SCAN0001.TMP', 'temporary file (still being written)'],
    ['notes.txt~', 'temporary file (still being written)'],
  ])('%s is ignored (%s)', (name, reason) => expect(junkReason(name)).toBe(reason));

  it.each(['referral.pdf', 'Ana Ramirez - MRI.PDF', 'fax_2026-03-07_1015.tif', 'meds.docx', 'partial report.pdf'])('%s is read', (name) =>
    expect(junkReason(name)).toBeNull(),
  );

  it('skips recycle bins and hidden folders, not ordinary ones', () => {
    expect(['$RECYCLE.BIN', 'System Volume Information', '.git', '@eaDir', '.Trashes'].every(isJunkDir)).toBe(true);
    expect(['2026', 'Faxes', 'march scans'].some(isJunkDir)).toBe(false);
  });
});

describe('file kinds', () => {
  it('trusts the content over the name, and the name when the content says nothing', () => {
    expect(fileKind('fax.tif', new TextEncoder().encode('%PDF-1.4'))).toBe('pdf');
    expect(fileKind('scan.pdf', scanPng(['x']).subarray(0, 8))).toBe('png');
    expect(fileKind('photo.JPG')).toBe('jpeg');
    expect(fileKind('letter.docx', new Uint8Array([0x50, 0x4b, 3, 4]))).toBe('docx');
    expect(fileKind('notes.TXT')).toBe('text');
    expect(fileKind('sheet.xlsx')).toBe('unsupported');
    expect(unsupportedReason('sheet.xlsx')).toBe('.xlsx files cannot be read. The app reads PDF, PNG, JPEG, TIFF, DOCX and plain text.');
  });
});

describe('stability', () => {
  it('waits until size and time have held still for the whole stability time', () => {
    let s = observe(undefined, { size: 10, mtimeMs: 1 }, 1000);
    expect(hasSettled(s, 1400, 500)).toBe(false);
    s = observe(s, { size: 20, mtimeMs: 2 }, 1400); // the scanner wrote another page
    expect(hasSettled(s, 1800, 500)).toBe(false);
    s = observe(s, { size: 20, mtimeMs: 2 }, 1800);
    expect(hasSettled(s, 1899, 500)).toBe(false);
    expect(hasSettled(s, 1900, 500)).toBe(true);
  });

  it('a change of time alone (same size, rewritten) restarts the wait', () => {
    const s = observe(observe(undefined, { size: 10, mtimeMs: 1 }, 0), { size: 10, mtimeMs: 5 }, 900);
    expect(s.since).toBe(900);
  });
});

describe('image headers', () => {
  it('reads width and height from PNG and JPEG without decoding', () => {
    expect(imageSize('png', scanPng(['one', 'two']))).toEqual({ width: 1400, height: 260 });
    expect(imageSize('jpeg', scanJpeg(['one']))).toEqual({ width: 1400, height: 190 });
    expect(imageSize('png', new Uint8Array(10))).toBeNull();
  });
});

describe('identifiers in text', () => {
  it.each([
    ['MRN: 004512', '004512'],
    ['M.R.N. 004512', '004512'],
    ['Medical Record Number: 004512', '004512'],
    ['Med Rec #004512', '004512'],
    ['Chart No. A-77812', 'A-77812'],
    ['Patient ID: 004512', '004512'],
    ['MRN 0O4512', '004512'],
  ])('finds the MRN in "%s"', (text, value) => expect(findMrns([text]).map((m) => m.value)).toContain(value));

  it('ignores labels without a number and numbers without a label', () => {
    expect(findMrns(['Patient ID: Ramirez', 'Mr. Nelson was seen', 'Phone 004512'])).toEqual([]);
  });

  it.each([
    ['DOB: 03/07/1984', '1984-03-07', true],
    ['Date of Birth 3/7/84', '1984-03-07', true],
    ['born 1984-03-07', '1984-03-07', true],
    ['seen on March 7, 1984', '1984-03-07', false],
    ['7 Mar 1984', '1984-03-07', false],
    ['07-MAR-1984', '1984-03-07', false],
    ['Sept. 30th 2001', '2001-09-30', false],
    ['25/12/1990 (day first)', '1990-12-25', false],
    ['D.O.B.: 11-23-1971', '1971-11-23', true],
  ])('reads "%s" as %s', (text, date, labelled) => {
    expect(findDates([text], '2026-06-01')).toContainEqual({ date, page: 1, labelled });
  });

  it('leaves out impossible and future dates, and reads two-digit years as the past', () => {
    expect(findDates(['02/30/1990 13/13/2000 01/01/2099 1/2/05'], '2026-06-01').map((d) => d.date)).toEqual(['2005-01-02']);
  });

  it('tells the page each finding is on', () => {
    expect(findMrns(['cover sheet', 'MRN 004512']).map((m) => m.page)).toEqual([2]);
    expect(findDates(['no date', 'x', 'DOB 03/07/1984'], '2026-01-01')[0]!.page).toBe(3);
  });
});

describe('matching a record to a patient', () => {
  const ana: PatientLite = { id: 'p-ana', firstName: 'Ana', lastName: 'Ramírez', dateOfBirth: '1984-03-07', mrn: '004512' };
  const ana2: PatientLite = { id: 'p-ana2', firstName: 'Ana', lastName: 'Ramirez', dateOfBirth: '1984-03-07', mrn: '009001' };
  const marcus: PatientLite = { id: 'p-marcus', firstName: 'Marcus', lastName: 'Lee', dateOfBirth: '1971-11-23', mrn: '007731' };
  const decide = (pages: string[], patients: PatientLite[]) =>
    matchRecord(pages, { mrns: findMrns(pages), dates: findDates(pages, '2026-06-01') }, patients);

  it.each([
    ['MRN with the name', ['MRN 004512', 'Patient: Ana Ramirez'], 'matched', 'mrn', 'MRN 004512 on page 1'],
    ['MRN with the date of birth', ['MRN 004512 DOB 03/07/1984'], 'matched', 'mrn', 'MRN 004512 on page 1'],
    [
      'MRN alone',
      ['MRN 004512'],
      'suggested',
      'mrn',
      "MRN 004512 on page 1, but neither the patient's name nor date of birth was found",
    ],
    ['name and DOB, accent folded, surname first', ['RAMIREZ, ANA   DOB 3/7/1984'], 'matched', 'name_dob', 'name and date of birth on page 1'],
    ['name and DOB on different pages', ['Re: Ana Ramirez', 'DOB: 03/07/1984'], 'matched', 'name_dob', 'name on page 1 and date of birth on page 2'],
    ['a misread name with the DOB', ['Ana Ramlrez 03/07/1984'], 'suggested', 'name_dob', 'date of birth 03/07/1984 and a similar name on page 1'],
    ['the name without a DOB', ['Thank you for seeing Ana Ramirez'], 'suggested', 'name', 'name on page 1, but no matching date of birth'],
  ] as const)('%s → %s', (_what, pages, state, kind, reason) => {
    const m = decide([...pages], [ana, marcus]);
    expect(m).toMatchObject({ state, kind, reason, patientId: 'p-ana' });
  });

  it('leaves a record with nothing pointing at anyone unmatched', () => {
    expect(decide(['Lumbar sympathetic block, left. DOB 01/01/1950'], [ana, marcus])).toMatchObject({ state: 'unmatched', patientId: null, candidates: [] });
  });

  it('two patients with the same name and birth date: a person chooses', () => {
    const m = decide(['Ana Ramirez DOB 03/07/1984'], [ana, ana2]);
    expect(m.state).toBe('suggested');
    expect(m.reason).toMatch(/2 patients match, so a person must choose/);
    expect(m.candidates.map((c) => c.patientId).sort()).toEqual(['p-ana', 'p-ana2']);
  });

  it('a misspelt name with no date of birth or MRN beside it is not even suggested', () => {
    expect(decide(['Thank you for seeing Ana Ramlrez'], [ana, marcus]).state).toBe('unmatched');
  });

  it('a short name is never matched loosely', () => {
    expect(decide(['Marc Lea 11/23/1971'], [marcus]).state).toBe('unmatched');
  });

  it('edit distance counts a swap of neighbours once', () => {
    expect(editDistance('ramirez', 'rmairez', 2)).toBe(1);
    expect(editDistance('ramirez', 'ramirex', 2)).toBe(1);
    expect(editDistance('ana', 'bob', 1)).toBe(2);
  });
});

describe('document type rules', () => {
  const rules = compileTypeRules(
    typeRulesFileSchema.parse({
      version: 1,
      rules: [
        { id: 'payer', label: 'Payer letter', docType: 'payer_letter', phrases: ['denied', 'appeal', 'medical necessity'], minMatches: 2 },
        { id: 'block', label: 'Block', docType: 'nerve_block_report', phrases: ['stellate ganglion', 'fluoroscopy'], minMatches: 1, unless: ['blank form'] },
      ],
    }),
  );

  it('the rule with the most phrases found wins, with the phrases and pages named', () => {
    const t = classifyRecord(['Your request was denied.', 'To appeal, write within 180 days. Prior stellate ganglion block noted.'], 'letter.pdf', rules);
    expect(t).toEqual({ docType: 'payer_letter', ruleId: 'payer', reason: 'Rule "Payer letter" fired on: denied (page 1), appeal (page 2).' });
  });

  it('phrases match across line breaks and accents, whole words only', () => {
    expect(classifyRecord(['Stellate\nGanglion block'], 'x.pdf', rules).ruleId).toBe('block');
    expect(classifyRecord(['The appealing option was undenied.'], 'x.pdf', rules).docType).toBe('other');
  });

  it('the file name counts as text, and "unless" phrases stop a rule', () => {
    expect(classifyRecord([''], 'stellate_ganglion_block.pdf', rules).ruleId).toBe('block');
    expect(classifyRecord(['Fluoroscopy — BLANK FORM'], 'x.pdf', rules)).toMatchObject({ docType: 'other', ruleId: null, reason: 'No type rule matched the text.' });
  });

  it('refuses a rules file with a repeated id or an impossible minimum', () => {
    const bad = typeRulesFileSchema.safeParse({
      version: 1,
      rules: [
        { id: 'a', label: 'A', docType: 'other', phrases: ['x1'], minMatches: 2 },
        { id: 'a', label: 'B', docType: 'other', phrases: ['y1'] },
      ],
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.message)).toEqual(['minMatches is more than the 1 phrases listed.', 'The rule id a is used twice.']);
  });
});

describe('the rules file', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('the shipped file passes its schema and covers every record type but other', () => {
    expect(typeRulesPath()).toBe(join(PROJECT_ROOT, 'resources/records/type-rules.json'));
    const f = readTypeRules(typeRulesPath());
    expect(new Set(f.rules.map((r) => r.docType))).toEqual(
      new Set(['nerve_block_report', 'physical_therapy_note', 'imaging_report', 'referral_letter', 'medication_list', 'payer_letter']),
    );
  });

  it('a broken file is refused with its path and the field at fault', () => {
    const dir = mkdtempSync(join(tmpdir(), 'type-rules-'));
    dirs.push(dir);
    const file = join(dir, 'type-rules.json');
    writeFileSync(file, JSON.stringify({ version: 1, rules: [{ id: 'x', label: 'X', docType: 'letter', phrases: ['a b'] }] }));
    expect(() => readTypeRules(file)).toThrow(`${file} is not a valid record type rules file. rules.0.docType:`);
    writeFileSync(file, '{ not json');
    expect(() => readTypeRules(file)).toThrow(`${file} could not be read as JSON`);
  });
});

describe('search queries and snippets', () => {
  it('quotes every word, folds accents and makes the last word a prefix', () => {
    expect(toFtsQuery('Peña  stellate ganglion')).toEqual({ match: '"pena" "stellate" "ganglion"*', terms: ['pena', 'stellate', 'ganglion'] });
    expect(toFtsQuery('NEAR(" OR *')).toEqual({ match: '"near" "or"*', terms: ['near', 'or'] });
    expect(toFtsQuery('a')).toEqual({ match: '"a"', terms: ['a'] });
    expect(toFtsQuery('  *** ')).toBeNull();
  });

  it('searches words typed in double quotes as a phrase', () => {
    // A phrase: its words together, whole words (the closing quote ends it), one term.
    expect(toFtsQuery('"Nerve Block"')).toEqual({ match: '"nerve block"', terms: ['nerve block'] });
    expect(toFtsQuery('“nerve block”')).toEqual({ match: '"nerve block"', terms: ['nerve block'] });
    expect(toFtsQuery('"nerve-block"')).toEqual({ match: '"nerve block"', terms: ['nerve block'] });
    // A phrase and words: the last word typed is still a prefix; a repeated phrase or word counts once.
    expect(toFtsQuery('stellate "nerve block" flu')).toEqual({ match: '"stellate" "nerve block" "flu"*', terms: ['stellate', 'nerve block', 'flu'] });
    expect(toFtsQuery('"nerve block" left "nerve block"')).toEqual({ match: '"nerve block" "left"*', terms: ['nerve block', 'left'] });
    expect(toFtsQuery('"a b""c d"')).toEqual({ match: '"a b" "c d"', terms: ['a b', 'c d'] });
    // A quote left open, or one inside a word, separates words as before.
    expect(toFtsQuery('"nerve block')).toEqual({ match: '"nerve" "block"*', terms: ['nerve', 'block'] });
    expect(toFtsQuery('nerve block"')).toEqual({ match: '"nerve" "block"*', terms: ['nerve', 'block'] });
    expect(toFtsQuery('O"Brien block')).toEqual({ match: '"o" "brien" "block"*', terms: ['o', 'brien', 'block'] });
    expect(toFtsQuery('"nerve"block"')).toEqual({ match: '"nerve" "block"*', terms: ['nerve', 'block'] });
    // An empty phrase is nothing; FTS5 syntax inside a phrase is words of it.
    expect(toFtsQuery('""')).toBeNull();
    expect(toFtsQuery('" * "')).toBeNull();
    expect(toFtsQuery('"" ketamine')).toEqual({ match: '"ketamine"*', terms: ['ketamine'] });
    expect(toFtsQuery('"NEAR(a OR b)*"')).toEqual({ match: '"near a or b"', terms: ['near a or b'] });
    // At most MAX_TERMS words in all: a phrase past them is cut.
    expect(toFtsQuery('a b c d e f g h i j "k l m n"')?.match).toBe('"a" "b" "c" "d" "e" "f" "g" "h" "i" "j" "k l"');
  });

  it('splits a snippet into plain and highlighted parts, page breaks shown as a gap', () => {
    expect(snippetParts(`…left ${HIT_OPEN}stellate${HIT_CLOSE} block\fpage 2 ${HIT_OPEN}ganglion${HIT_CLOSE}`)).toEqual([
      { text: '…left ', hit: false },
      { text: 'stellate', hit: true },
      { text: ' block … page 2 ', hit: false },
      { text: 'ganglion', hit: true },
    ]);
  });
});

describe('DOCX text', () => {
  it('keeps paragraphs, tabs and line breaks, turns page breaks into form feeds, decodes entities, skips deletions', () => {
    const xml =
      '<w:document><w:body><w:p><w:r><w:t>Name:</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve">Ana &amp; Co &#233;</w:t></w:r></w:p>' +
      '<w:p><w:r><w:t>Line one</w:t><w:br/><w:t>Line two</w:t><w:delText>removed</w:delText></w:r></w:p>' +
      '<w:p><w:r><w:br w:type="page"/></w:r></w:p><w:p><w:r><w:t>Page 2</w:t></w:r></w:p></w:body></w:document>';
    expect(docxXmlToText(xml)).toBe('Name:\tAna & Co é\nLine one\nLine two\n\f\nPage 2');
  });
});
