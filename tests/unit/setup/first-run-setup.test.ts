/** The first-run setup's place is kept on the computer that created the clinic, and only there. */
import { afterEach, describe, expect, it } from 'vitest';
import { tempBackend, type TestBackend } from '../../support/temp-backend';

let b: TestBackend;
afterEach(() => b?.dispose());

async function setupAdmin(backend: TestBackend): Promise<string> {
  const r = await backend.invoke('auth.setup', { displayName: 'Maria Lopez', username: 'maria', password: 'sunrise over the lake' });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return (r.result as { session: string }).session;
}

describe('first-run setup', () => {
  it('is not offered before a clinic starts here (a computer that joined a clinic never gets it)', async () => {
    b = tempBackend();
    expect(await b.ok('setup.status', {})).toEqual({ state: 'none', step: null, saved: [] });
    // Saving a step on such a computer changes nothing.
    expect(await b.ok('setup.save', { step: 'suites', saved: 'clinic' })).toEqual({ state: 'none', step: null, saved: [] });
  });

  it('opens when the administrator is created, keeps its place and what was saved, and survives a restart', async () => {
    b = tempBackend();
    const session = await setupAdmin(b);
    const status = await b.invoke('setup.status', {}, session);
    expect(status).toMatchObject({ ok: true, result: { state: 'open', step: 'clinic', saved: [] } });

    await b.ok('setup.save', { step: 'suites', saved: 'clinic' });
    // Staff skipped: the place moves on, nothing is marked saved for it.
    await b.ok('setup.save', { step: 'payers' });
    expect(await b.ok('setup.status', {})).toEqual({ state: 'open', step: 'payers', saved: ['clinic'] });

    // The app closes (or crashes) here: the next start resumes at payers.
    const dir = b.dir;
    b.close();
    b = tempBackend({ dataDir: dir });
    expect(await b.ok('setup.status', {})).toEqual({ state: 'open', step: 'payers', saved: ['clinic'] });

    expect(await b.ok('setup.save', { step: 'done', saved: 'payers', finished: true })).toEqual({ state: 'finished', step: 'done', saved: ['clinic', 'payers'] });
    // Once finished it stays finished.
    expect((await b.ok('setup.save', { step: 'clinic' })).state).toBe('finished');
  });

  it('only someone who may change the settings moves it on; a wrong step is refused in words', async () => {
    b = tempBackend();
    await setupAdmin(b);
    const nurse = await b.signedInAs('nurse');
    expect(await nurse.invoke('setup.save', { step: 'suites' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await b.fail('setup.save', { step: 'billing' })).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('setup step') });
    expect((await b.ok('setup.status', {})).step).toBe('clinic');
  });
});
