/**
 * The clinic server behind TLS (--tls-cert / --tls-key): it answers over https with the
 * clinic's certificate, and does not answer plain http on that port.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { get } from 'node:https';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../../src-server/db/sql';
import { startClinicServer, type ClinicServer } from '../../../src-server/http/app';
import { tempDir } from '../../support/temp-backend';

describe('the clinic server over TLS', () => {
  const dir = tempDir('desk-tls-');
  let server: ClinicServer | null = null;
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers https with its certificate and refuses plain http', async () => {
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    // A self-signed certificate for 127.0.0.1, as README's certificate set-up makes for a clinic.
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    server = await startClinicServer({ db: await openPglite('memory'), tls: { certFile: cert, keyFile: key } });
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const body = await new Promise<string>((resolve, reject) => {
      get(`${server!.url}/v1/health`, { ca: readFileSync(cert) }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve(text));
      }).on('error', reject);
    });
    expect(JSON.parse(body)).toMatchObject({ ok: true });
    const plain = await fetch(server.url.replace('https:', 'http:') + '/v1/health').then(
      () => 'answered',
      () => 'refused',
    );
    expect(plain).toBe('refused');
  });
});
