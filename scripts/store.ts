/**
 * `npm run store -- <command> [--data-dir DIR]`: look after the encrypted local store of
 * `npm run web` (and the scripts' clinics). Close the app using the folder first.
 *
 *   status                 is the store encrypted, where its key comes from, how many rows
 *   rekey                  a new random key; every row kept; the key file is replaced
 *   backup --out FILE      an encrypted backup (store and records/documents files) under a passphrase
 *   restore --from FILE    restore a backup here (the store and files here are moved aside first)
 *
 * The key: DESK_DB_KEY, DESK_DB_KEY_FILE, or the key file beside the data folder
 * (`<data folder>.key`); see the README's "Encryption at rest". The passphrase: asked for
 * (twice for a backup), or DESK_BACKUP_PASSPHRASE for scheduled backups.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { DB_FILE_NAME } from '../src-main/backend/backend';
import { StoreKeyError, storeFileState, tableCounts } from '../src-main/backend/db/cipher';
import { openStore } from '../src-main/backend/db/open';
import { backupStore, BackupError, MIN_PASSPHRASE_LENGTH, rekeyStore, restoreStore } from '../src-main/backend/security/store-admin';
import { newStoreKey, pendingKeyFile, writeKeyFile } from '../src-main/backend/security/store-key';
import { dirOption, fmtInt, MIGRATIONS_FOLDER, PROJECT_ROOT, UsageError } from './lib/cli';
import { describeKeySource, openSqliteAsFound, resolvedScriptStoreKey } from './lib/store-key';

const USAGE = `Usage: npm run store -- <command> [--data-dir DIR]
  status                 whether the store is encrypted, where its key comes from, its tables and rows
  rekey                  give the store a new random key (every row kept; the key file is replaced)
  backup --out FILE      write an encrypted backup of the store and its records/documents files
  restore --from FILE    restore an encrypted backup into the data folder (what is there is moved aside)
  --data-dir DIR         the clinic's folder (default .web-clinic, the one npm run web uses)
The key: DESK_DB_KEY (64 hex digits), DESK_DB_KEY_FILE, or <data folder>.key beside the folder.
The backup passphrase is asked for, or read from DESK_BACKUP_PASSPHRASE.`;

/** Read a line without echoing it (a terminal), or the next line of standard input. */
async function askHidden(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    const rl = createInterface({ input });
    for await (const line of rl) {
      rl.close();
      return line;
    }
    return '';
  }
  process.stdout.write(prompt);
  input.setRawMode(true);
  input.resume();
  input.setEncoding('utf8');
  return new Promise((resolveLine, reject) => {
    let text = '';
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          done();
          resolveLine(text);
          return;
        }
        if (ch === '\u0003') {
          done();
          reject(new UsageError('Cancelled.'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') text = text.slice(0, -1);
        else text += ch;
      }
    };
    const done = () => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stdout.write('\n');
    };
    input.on('data', onData);
  });
}

async function passphrase(confirm: boolean): Promise<string> {
  const fromEnv = process.env.DESK_BACKUP_PASSPHRASE;
  if (fromEnv) return fromEnv;
  const first = await askHidden(`Backup passphrase${confirm ? ` (at least ${MIN_PASSPHRASE_LENGTH} characters)` : ''}: `);
  if (confirm) {
    const again = await askHidden('The same passphrase again: ');
    if (again !== first) throw new UsageError('The two passphrases differ; nothing was written.');
  }
  return first;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      out: { type: 'string' },
      from: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  const dataDir = dirOption(values['data-dir'], resolve(PROJECT_ROOT, '.web-clinic'));
  const dbFile = join(dataDir, DB_FILE_NAME);

  switch (command) {
    case 'status': {
      const state = storeFileState(dbFile);
      if (state === 'absent') {
        console.log(`No store in ${dataDir} yet.`);
        return 0;
      }
      const k = resolvedScriptStoreKey(dataDir);
      console.log(`Store: ${dbFile} (${state === 'encrypted' ? 'encrypted, SQLCipher 4 compatible' : 'NOT encrypted yet: it is encrypted when the app next opens it'})`);
      console.log(`Key: ${describeKeySource(k)}`);
      const sqlite = openSqliteAsFound(dbFile, k.key, { readonly: true, fileMustExist: true });
      try {
        const counts = tableCounts(sqlite);
        console.log(`${counts.size} tables, ${fmtInt([...counts.values()].reduce((a, b) => a + b, 0))} rows.`);
      } finally {
        sqlite.close();
      }
      return 0;
    }
    case 'rekey': {
      if (storeFileState(dbFile) === 'absent') throw new UsageError(`No store in ${dataDir} to re-key.`);
      const k = resolvedScriptStoreKey(dataDir);
      if (!k.file) {
        throw new UsageError('The key comes from DESK_DB_KEY, which this command cannot change. Keep the key in a file (DESK_DB_KEY_FILE) to re-key.');
      }
      const store = openStore({ file: dbFile, migrationsFolder: MIGRATIONS_FOLDER, key: k.key });
      const next = newStoreKey();
      // The new key is on disk before the store changes: a re-key cut short leaves both, and
      // the next start keeps whichever opens the store (security/store-key.ts settlePendingKey).
      writeKeyFile(pendingKeyFile(k.file), next);
      try {
        const done = rekeyStore(store.sqlite, next);
        store.close();
        renameSync(pendingKeyFile(k.file), k.file);
        console.log(`Re-keyed ${dbFile}: ${done.tables} tables, ${fmtInt(done.rows)} rows, all kept. The new key is in ${k.file}; the old key no longer opens the store.`);
      } catch (err) {
        store.close();
        rmSync(pendingKeyFile(k.file), { force: true });
        throw err;
      }
      return 0;
    }
    case 'backup': {
      if (!values.out) throw new UsageError('backup needs --out FILE');
      if (storeFileState(dbFile) === 'absent') throw new UsageError(`No store in ${dataDir} to back up.`);
      const out = resolve(process.env.INIT_CWD ?? process.cwd(), values.out);
      if (existsSync(out)) throw new UsageError(`${out} already exists; choose a new file name.`);
      const k = resolvedScriptStoreKey(dataDir);
      const pass = await passphrase(true);
      const store = openStore({ file: dbFile, migrationsFolder: MIGRATIONS_FOLDER, key: k.key });
      try {
        const r = backupStore({ sqlite: store.sqlite, storeKey: k.key, dataDir, out, passphrase: pass });
        console.log(`Wrote ${r.file} (${fmtInt(r.bytes / 1024)} KiB): ${r.tables} tables, ${fmtInt(r.rows)} rows, ${r.files} records and documents files, encrypted under the passphrase.`);
        console.log('Keep the passphrase apart from the backup: without it the backup cannot be opened, with it anyone can.');
      } finally {
        store.close();
      }
      return 0;
    }
    case 'restore': {
      if (!values.from) throw new UsageError('restore needs --from FILE');
      const from = resolve(process.env.INIT_CWD ?? process.cwd(), values.from);
      if (!existsSync(from)) throw new UsageError(`${from} does not exist.`);
      const k = resolvedScriptStoreKey(dataDir, { create: true });
      const pass = await passphrase(false);
      const r = await restoreStore({ from, passphrase: pass, dataDir, storeKey: k.key });
      console.log(`Restored into ${dataDir}: ${r.tables} tables, ${fmtInt(r.rows)} rows and ${r.files} files, checked, under ${describeKeySource(k)}.`);
      if (r.movedAside) console.log(`What was there before is in ${r.movedAside} (under the same key).`);
      return 0;
    }
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError || (err as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(err as Error).message}\n\n${USAGE}`);
      process.exit(2);
    }
    // Our own errors are written for the person; anything else with its stack.
    console.error(err instanceof BackupError || err instanceof StoreKeyError ? err.message : err);
    process.exit(1);
  },
);
