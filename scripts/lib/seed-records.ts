/**
 * Synthetic prior records for the search benchmark: record_files rows with extracted text in
 * record_texts (the FTS5 index follows by trigger), as if the pipeline had read them. Texts are
 * built from each type's own phrases, the clinic's patients' names and dates of birth, and a
 * vocabulary drawn with a Zipf-like skew (a few words everywhere, most words rare), so that
 * search terms have realistic spreads. The same seed gives the same records.
 */
import { v7 as uuidv7 } from 'uuid';
import { RECORD_TYPES, type RecordType } from '../../src-shared/api/schemas/records';
import { formatCalendarDate } from '../../src-shared/domain/dates';
import type { Sqlite } from '../../src-main/backend/db/open';
import { TAGS_SQL } from '../../src-main/backend/records/read';
import { rngFor, type Rng } from './prng';

const TYPE_WORDS: Record<RecordType, string[]> = {
  nerve_block_report: ['stellate ganglion block', 'lumbar sympathetic block', 'fluoroscopy', 'bupivacaine', 'injectate', 'procedure note', 'relief'],
  physical_therapy_note: ['physical therapy', 'range of motion', 'home exercise program', 'desensitization', 'mirror therapy', 'plan of care'],
  imaging_report: ['MRI', 'impression', 'findings', 'technique', 'three phase bone scan', 'radiology', 'contrast'],
  referral_letter: ['reason for referral', 'please evaluate', 'thank you for seeing', 'ketamine infusion', 'referring physician'],
  medication_list: ['gabapentin', 'pregabalin', 'duloxetine', 'amitriptyline', 'by mouth', 'twice daily', 'at bedtime'],
  payer_letter: ['adverse determination', 'not medically necessary', 'right to appeal', 'prior authorization', 'member id', 'investigational'],
  other: ['fax cover sheet', 'pages to follow', 'confidential'],
};

const CLINICAL = (
  'pain allodynia hyperalgesia swelling edema temperature asymmetry sweating color change stiffness weakness tremor dystonia ' +
  'neuropathic burning shooting numbness tingling fibromyalgia CRPS complex regional syndrome wrist ankle knee shoulder hand ' +
  'foot left right bilateral chronic acute onset fracture surgery injury trauma opioid NSAID tramadol oxycodone naproxen ' +
  'celecoxib lidocaine patch topical capsaicin ketamine infusion session protocol dose response follow up visit scale NRS VAS ' +
  'score baseline improvement worse unchanged sleep mood depression anxiety function activity work disability'
).split(/\s+/);

function syllableWords(rng: Rng, n: number): string[] {
  const syl = ['ra', 'mi', 'to', 'ke', 'lo', 'sa', 'ne', 'vi', 'du', 'pe', 'gor', 'tan', 'bel', 'fim', 'cas', 'zen', 'hol', 'wer', 'ost', 'ury'];
  const out = new Set<string>();
  while (out.size < n) out.add(Array.from({ length: rng.int(2, 4) }, () => rng.pick(syl)).join(''));
  return [...out];
}

export interface SeedRecordsOptions {
  count: number;
  seed: number;
  /** Received times are spread over this many days before `now`. */
  days?: number;
  now: number;
}

export interface SeededPatient {
  id: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  mrn: string;
}

/** Insert `count` indexed records in one transaction; returns the patients they name. */
export function seedRecords(sqlite: Sqlite, opts: SeedRecordsOptions): { patients: SeededPatient[]; words: string[] } {
  const rng = rngFor(opts.seed, 'records');
  const patients = sqlite
    .prepare(`SELECT id, first_name AS firstName, last_name AS lastName, date_of_birth AS dateOfBirth, mrn FROM patients WHERE deleted_at IS NULL ORDER BY id LIMIT 5000`)
    .all() as SeededPatient[];
  const vocabulary = [...CLINICAL, ...syllableWords(rng, 4000)];
  // Zipf-like: the k-th word drawn with weight 1/k.
  const cumulative: number[] = [];
  let total = 0;
  for (let k = 1; k <= vocabulary.length; k++) cumulative.push((total += 1 / k));
  const word = () => {
    const x = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return vocabulary[lo]!;
  };
  const insertFile = sqlite.prepare(
    `INSERT INTO record_files (id, path, file_name, size_bytes, mtime_ms, sha256, mime_type, stored_path, status, pages, ocr_pages, method,
       match_state, patient_id, match_kind, match_reason, doc_type, type_rule, type_reason, created_at, updated_at, indexed_at)
     VALUES (?, ?, ?, ?, ?, ?, 'application/pdf', NULL, 'indexed', ?, 0, 'text', ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?)`,
  );
  const insertText = sqlite.prepare(`INSERT INTO record_texts (record_id, title, body, tags) SELECT ?, ?, ?, ${TAGS_SQL} FROM record_files r WHERE r.id = ?`);
  const days = opts.days ?? 730;
  sqlite.transaction(() => {
    for (let i = 0; i < opts.count; i++) {
      const type = rng.pick(RECORD_TYPES);
      const p = patients.length ? rng.pick(patients) : null;
      const pageCount = rng.int(1, 3);
      const pages: string[] = [];
      for (let n = 0; n < pageCount; n++) {
        const parts: string[] = [];
        if (n === 0 && p) parts.push(`Patient: ${p.firstName} ${p.lastName}  DOB: ${formatCalendarDate(p.dateOfBirth)}  MRN: ${p.mrn}`);
        for (let s = 0; s < rng.int(8, 20); s++) {
          const sentence = Array.from({ length: rng.int(6, 14) }, word);
          if (rng.chance(0.4)) sentence.splice(rng.int(0, sentence.length), 0, rng.pick(TYPE_WORDS[type]));
          parts.push(`${sentence.join(' ')}.`);
        }
        pages.push(parts.join('\n'));
      }
      const id = uuidv7();
      const received = opts.now - rng.int(0, days * 86_400_000);
      const fileName = `${type.replace(/_/g, '-')}-${i + 1}.pdf`;
      const matched = p && rng.chance(0.8);
      insertFile.run(
        id,
        `/synthetic/records/${fileName}`,
        fileName,
        rng.int(20_000, 400_000),
        received,
        rng.chars('0123456789abcdef', 64),
        pageCount,
        matched ? 'confirmed' : 'unmatched',
        matched ? p.id : null,
        matched ? 'mrn' : null,
        matched ? 'MRN on page 1' : null,
        type,
        received,
        received,
        received,
      );
      insertText.run(id, fileName, pages.join('\f'), id);
    }
  })();
  return { patients, words: vocabulary };
}
