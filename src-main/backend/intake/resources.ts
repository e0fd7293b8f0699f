/**
 * Intake reference data (resources/intake/*.json): the ICD-10 list, the Budapest checklist,
 * interaction rules, the screening checklist, treatment labels and completeness checklists.
 * Read once, validated with zod, then kept; a broken file throws an error naming the file.
 *
 * Where the folder is, first match wins:
 *   1. setIntakeResourcesDir(dir)                       (the app or a test says so)
 *   2. $DESK_RESOURCES_DIR/intake                       (packaged app: <resourcesPath>/resources)
 *   3. the nearest resources/intake above this file     (source tree, and out/main in dev builds)
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import {
  budapestFileSchema,
  completenessFileSchema,
  icd10FileSchema,
  interactionsFileSchema,
  screeningFileSchema,
  treatmentsFileSchema,
  type BudapestFile,
  type CompletenessFile,
  type Icd10Entry,
  type Icd10File,
  type InteractionsFile,
  type ScreeningFile,
  type TreatmentsFile,
} from '../../../src-shared/api/schemas/intake';

export interface IntakeResources {
  dir: string;
  icd10: Icd10File;
  icd10ByCode: ReadonlyMap<string, Icd10Entry>;
  budapest: BudapestFile;
  /** category → symptom ids and sign ids, for refusing unknown checkboxes. */
  budapestIds: Readonly<Record<string, { symptoms: ReadonlySet<string>; signs: ReadonlySet<string> }>>;
  interactions: InteractionsFile;
  screening: ScreeningFile;
  treatments: TreatmentsFile;
  completeness: CompletenessFile;
}

export class IntakeResourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntakeResourceError';
  }
}

let overrideDir: string | null = null;
let cached: IntakeResources | null = null;

/** Point intake at another resources/intake folder (packaged app, tests). Clears the cache. */
export function setIntakeResourcesDir(dir: string | null): void {
  overrideDir = dir ? resolve(dir) : null;
  cached = null;
}

export function intakeResourcesDir(): string {
  if (overrideDir) return overrideDir;
  const env = process.env.DESK_RESOURCES_DIR;
  if (env) return resolve(env, 'intake');
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'resources', 'intake');
    if (existsSync(join(candidate, 'icd10.json'))) return candidate;
    dir = dirname(dir);
  }
  throw new IntakeResourceError(
    `The intake reference folder (resources/intake) was not found above ${dirname(fileURLToPath(import.meta.url))}. Set DESK_RESOURCES_DIR to the app's resources folder.`,
  );
}

function readJson<S extends z.ZodType>(dir: string, name: string, schema: S): z.output<S> {
  const file = join(dir, name);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : `it is not valid JSON (${(err as Error).message})`;
    throw new IntakeResourceError(`Intake reference file ${file} cannot be read: ${why}.`);
  }
  const r = schema.safeParse(raw);
  if (!r.success) {
    const issues = r.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`)
      .join('; ');
    throw new IntakeResourceError(`Intake reference file ${file} is not valid: ${issues}.`);
  }
  return r.data;
}

/** Read and check every file. Throws IntakeResourceError naming the broken file. */
export function loadIntakeResources(dir: string = intakeResourcesDir()): IntakeResources {
  const icd10 = readJson(dir, 'icd10.json', icd10FileSchema);
  const budapest = readJson(dir, 'budapest.json', budapestFileSchema);
  const interactions = readJson(dir, 'interactions.json', interactionsFileSchema);
  const screening = readJson(dir, 'screening.json', screeningFileSchema);
  const treatments = readJson(dir, 'treatments.json', treatmentsFileSchema);
  const completeness = readJson(dir, 'completeness.json', completenessFileSchema);

  const budapestIds: Record<string, { symptoms: Set<string>; signs: Set<string> }> = {};
  for (const c of budapest.categories) {
    budapestIds[c.id] = { symptoms: new Set(c.symptoms.map((s) => s.id)), signs: new Set(c.signs.map((s) => s.id)) };
  }
  return {
    dir,
    icd10,
    icd10ByCode: new Map(icd10.codes.map((c) => [c.code, c])),
    budapest,
    budapestIds,
    interactions,
    screening,
    treatments,
    completeness,
  };
}

/** The loaded reference data, read on first use and kept for the life of the process. */
export function intakeResources(): IntakeResources {
  if (!cached) cached = loadIntakeResources();
  return cached;
}
