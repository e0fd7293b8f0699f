/**
 * `npm run seed -- --patients N [--seed S] [--data-dir DIR]`
 *
 * Builds a synthetic clinic (fictional patients, suites, staff, payers) in a fresh database:
 * DIR/clinic.sqlite, by default .seed-clinic/ at the project root, then its infusion floor
 * (floor shifts, series templates, closures, and booked series filling the 8 suites to about
 * 85 % over the next 8 weeks: scripts/lib/seed-series.ts), then a treatment history before
 * that floor with its pain scores (scripts/lib/seed-outcomes.ts). The same seed and N give the
 * same clinic. Open it with the app to try screens on a realistic amount of data.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_SEED_DIR, dirOption, intOption, UsageError } from './lib/cli';
import { printSeedReport, seedClinic } from './lib/seed-clinic';
import { seedInfusionFloor } from './lib/seed-series';
import { DEFAULT_OUTCOME_SCORES, seedOutcomeHistory } from './lib/seed-outcomes';

const USAGE = `Usage: npm run seed -- [--patients N] [--seed S] [--data-dir DIR] [--outcome-scores N]
  --patients N   patients to create (default 5000)
  --seed S       random seed, 0-4294967295 (default 1); the same seed and N give the same clinic
  --data-dir DIR folder for clinic.sqlite (default .seed-clinic at the project root); its clinic.sqlite* files are deleted first
  --outcome-scores N  pain scores to reach with a treatment history before the floor (default ${DEFAULT_OUTCOME_SCORES}; 0: none)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      patients: { type: 'string' },
      seed: { type: 'string' },
      'data-dir': { type: 'string' },
      'outcome-scores': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const patients = intOption(values.patients, 'patients', 5000, 0, 5_000_000);
  const seed = intOption(values.seed, 'seed', 1, 0, 0xffffffff);
  const dataDir = dirOption(values['data-dir'], DEFAULT_SEED_DIR);
  const outcomeScores = intOption(values['outcome-scores'], 'outcome-scores', DEFAULT_OUTCOME_SCORES, 0, 10_000_000);

  console.log(`Seeding a synthetic clinic: ${patients.toLocaleString('en-US')} patients, seed ${seed}, into ${dataDir}`);
  const report = await seedClinic({ dataDir, patients, seed });
  await seedInfusionFloor({ dataDir, seed, log: (line) => console.log(line) });
  if (outcomeScores > 0) await seedOutcomeHistory({ dataDir, seed, targetScores: outcomeScores, log: (line) => console.log(line) });
  printSeedReport(report);
}

main().catch((err: unknown) => {
  if (err instanceof UsageError || (err as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
  } else {
    console.error(err);
  }
  process.exit(1);
});
