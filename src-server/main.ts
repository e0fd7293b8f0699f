/**
 * `npm run server [-- command]`: the clinic server.
 *
 *   npm run server                          serve (PGlite in ./.clinic-server, port 8443)
 *   npm run server -- --port 9000 --data-dir /srv/clinic --tls-cert cert.pem --tls-key key.pem
 *   DATABASE_URL=postgres://... npm run server   serve on a real PostgreSQL
 *   npm run server -- enrol [--admin]       print a one-time enrolment code (24 hours)
 *   npm run server -- devices               list enrolled devices
 *   npm run server -- revoke <device id>    refuse a device from its next call
 *   npm run server -- compact --keep 100000 compact the change log, keeping the newest N changes
 *   npm run server -- --keep 1000000        serve, compacting the log to the newest N changes every hour
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startClinicServer } from './http/app';
import { openServerDb } from './open';
import { createEnrolCode, DEFAULT_CLINIC_ID, listDevices, revokeDevice } from './devices/enrolment';
import { clinicHead, compact } from './sync/change-log';

function readRunning(file: string): { pid: number; port: number; secret: string } | null {
  if (!existsSync(file)) return null;
  try {
    const info = JSON.parse(readFileSync(file, 'utf8')) as { pid: number; port: number; secret: string };
    process.kill(info.pid, 0);
    return info;
  } catch {
    return null;
  }
}

function printCode(code: string, expiresAt: number): void {
  console.log(`Enrolment code: ${code}`);
  console.log(`Valid once, until ${new Date(expiresAt).toISOString()}${values.admin ? ', for an administrator computer' : ''}.`);
  console.log('Type it in the app: Settings → Clinic server.');
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string', default: process.env.PORT ?? '8443' },
    host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
    'data-dir': { type: 'string', default: resolve(process.cwd(), '.clinic-server') },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    'clinic-name': { type: 'string' },
    admin: { type: 'boolean', default: false },
    keep: { type: 'string' },
  },
});

const fail = (message: string): never => {
  console.error(message);
  process.exit(2);
};

const command = positionals[0] ?? 'serve';
const dataDir = resolve(values['data-dir']);
const pidFile = join(dataDir, 'server.json');

// PGlite is one process's database: while the server runs on it, `enrol` asks the running
// server (over loopback, with the secret it left in its data folder) instead of opening it.
if (command === 'enrol' && !process.env.DATABASE_URL) {
  const running = readRunning(pidFile);
  if (running) {
    const res = await fetch(`http://127.0.0.1:${running.port}/v1/local/enrol-codes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-local-secret': running.secret },
      body: JSON.stringify({ canAdmin: values.admin }),
    }).catch(() => null);
    if (!res || !res.ok) fail(`The clinic server (process ${running.pid}) did not give a code; is it still running on port ${running.port}?`);
    const { code, expiresAt } = (await res!.json()) as { code: string; expiresAt: number };
    printCode(code, expiresAt);
    process.exit(0);
  }
}
if (!process.env.DATABASE_URL && command !== 'serve' && readRunning(pidFile)) {
  fail('The clinic server is running on this data folder; stop it first (its embedded database can be opened by one process at a time).');
}

const db = await openServerDb({
  databaseUrl: process.env.DATABASE_URL,
  dataDir,
  ...(values['clinic-name'] ? { clinicName: values['clinic-name'] } : {}),
});
const where = process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `embedded PostgreSQL in ${dataDir}`;

switch (command) {
  case 'serve': {
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a number from 0 to 65535, not ${values.port}`);
    if (Boolean(values['tls-cert']) !== Boolean(values['tls-key'])) fail('Give both --tls-cert and --tls-key, or neither.');
    const localSecret = randomBytes(24).toString('base64url');
    const server = await startClinicServer({
      db,
      localSecret,
      port,
      host: values.host,
      ...(values['tls-cert'] && values['tls-key'] ? { tls: { certFile: values['tls-cert'], keyFile: values['tls-key'] } } : {}),
    });
    if (!process.env.DATABASE_URL) writeFileSync(pidFile, JSON.stringify({ pid: process.pid, port: server.port, secret: localSecret }), { mode: 0o600 });
    console.log(`Clinic server listening on ${server.url} (data: ${where})`);
    // Retention: with --keep N, the log is compacted to its newest N changes every hour (the
    // history of who changed what stays; devices further behind receive a snapshot).
    let retention: ReturnType<typeof setInterval> | null = null;
    if (values.keep !== undefined) {
      const keep = Number(values.keep);
      if (!Number.isInteger(keep) || keep < 0) fail('--keep must be a whole number.');
      const run = async () => {
        try {
          const head = await clinicHead(db, DEFAULT_CLINIC_ID);
          const out = await compact(db, DEFAULT_CLINIC_ID, head - keep);
          if (out.moved > 0) console.log(`Compacted ${out.moved} changes into the history (floor ${out.floor}).`);
        } catch (err) {
          console.error(`Compaction failed: ${(err as Error)?.name ?? 'error'}; it runs again in an hour.`);
        }
      };
      void run();
      retention = setInterval(() => void run(), 60 * 60 * 1000);
      retention.unref();
    }
    if (!values['tls-cert'] && values.host !== '127.0.0.1' && values.host !== 'localhost') {
      console.log('Warning: no TLS certificate given. Devices refuse plain http to another computer unless their administrator allows it; see README "Clinic server".');
    }
    const stop = async () => {
      if (retention) clearInterval(retention);
      rmSync(pidFile, { force: true });
      await server.close();
      process.exit(0);
    };
    process.on('SIGINT', () => void stop());
    process.on('SIGTERM', () => void stop());
    break;
  }
  case 'enrol': {
    const { code, expiresAt } = await createEnrolCode(db, DEFAULT_CLINIC_ID, { canAdmin: values.admin });
    printCode(code, expiresAt);
    await db.close();
    break;
  }
  case 'devices': {
    const list = await listDevices(db, DEFAULT_CLINIC_ID);
    if (!list.length) console.log('No device is enrolled yet. Create a code with: npm run server -- enrol --admin');
    for (const d of list) {
      const state = d.revokedAt ? `revoked ${new Date(d.revokedAt).toISOString()}` : 'active';
      console.log(`${d.id}  ${d.name}  enrolled ${new Date(d.enrolledAt).toISOString()}  last seen ${d.lastSeenAt ? new Date(d.lastSeenAt).toISOString() : 'never'}  ${state}`);
    }
    await db.close();
    break;
  }
  case 'revoke': {
    const id = positionals[1] ?? fail('Name the device: npm run server -- revoke <device id> (see npm run server -- devices).');
    const ok = await revokeDevice(db, DEFAULT_CLINIC_ID, id);
    console.log(ok ? `Device ${id} is revoked: its next call is refused.` : `No device ${id} is enrolled with this clinic.`);
    await db.close();
    process.exit(ok ? 0 : 1);
    break;
  }
  case 'compact': {
    const keep = Number(values.keep ?? fail('Say how many of the newest changes to keep: --keep N'));
    if (!Number.isInteger(keep) || keep < 0) fail('--keep must be a whole number.');
    const head = await clinicHead(db, DEFAULT_CLINIC_ID);
    const out = await compact(db, DEFAULT_CLINIC_ID, head - keep);
    console.log(`Moved ${out.moved} changes to the history; devices behind change ${out.floor} will receive a snapshot.`);
    await db.close();
    break;
  }
  default:
    fail(`Unknown command ${command}. Commands: serve (default), enrol [--admin], devices, revoke <id>, compact --keep N.`);
}
