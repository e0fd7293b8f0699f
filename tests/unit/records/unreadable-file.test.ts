/**
 * A file the app may not open (no permission for the app's user) used to be waited on for ever:
 * never listed, and records.progress busy for good. Now, once it has settled and still will not
 * open after another waiting time, it is listed as unreadable with its reason and progress settles.
 *
 * The tests run as root, which can open a chmod 000 file, so the open the watcher tries is
 * injected (RecordsOptions.tryOpen) and fails with EACCES for one file, as it does for a
 * non-root user; a readable file beside it is read as usual.
 */
import { writeFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeFor } from '../../../src-main/backend/records/runtime';
import { openFailed, observe } from '../../../src-main/backend/records/rules/stability';
import { tempBackend, tempDir, type TestBackend } from '../../support/temp-backend';
import { waitFor } from './fixtures';

describe('the stability rule for a file that will not open', () => {
  it('waits one more waiting time after the first failed open, then gives up', () => {
    const s = observe(undefined, { size: 10, mtimeMs: 1 }, 0);
    const first = openFailed(s, 1000, 500);
    expect(first).toMatchObject({ giveUp: false, state: { openFailedSince: 1000 } });
    expect(openFailed(first.state, 1400, 500).giveUp).toBe(false);
    expect(openFailed(first.state, 1500, 500).giveUp).toBe(true);
    // A change to the file starts the wait again, failed opens included.
    expect(observe(first.state, { size: 11, mtimeMs: 2 }, 1600).openFailedSince).toBeUndefined();
  });
});

describe('an unreadable file in a watched folder', () => {
  let b: TestBackend;
  let inbox: string;
  beforeAll(() => {
    inbox = tempDir('records-unreadable-');
    const tryOpen = (path: string) => {
      if (basename(path).startsWith('locked')) throw Object.assign(new Error('permission denied'), { code: 'EACCES' });
    };
    b = tempBackend({ records: { rescanIntervalMs: 60_000, progressThrottleMs: 20, tryOpen } });
  });
  afterAll(async () => {
    await runtimeFor(b.store.sqlite)?.close();
    b.dispose();
    rmSync(inbox, { recursive: true, force: true });
  });

  it('is listed as unreadable with its reason after the waiting time, and progress settles', async () => {
    writeFileSync(join(inbox, 'locked-referral.txt'), 'Referral letter for Ana Ramirez');
    writeFileSync(join(inbox, 'open-note.txt'), 'Physical therapy note');
    await b.ok('records.folders.add', { path: inbox, stabilitySeconds: 0.3 });
    const failed = await waitFor(async () => {
      const r = await b.ok('records.inbox', { show: ['failed'], limit: 50 });
      return r.items.find((x) => x.fileName === 'locked-referral.txt');
    }, 'the locked file to be listed');
    expect(failed).toMatchObject({ status: 'failed', failureCode: 'unreadable' });
    expect(failed.failureReason).toBe('The file could not be opened (EACCES). Check that the app may read the folder.');
    const progress = await waitFor(async () => {
      const p = await b.ok('records.progress', {});
      return !p.busy && p.waiting === 0 ? p : undefined;
    }, 'progress to settle');
    expect(progress).toMatchObject({ busy: false, waiting: 0, failed: 1 });
    // A later walk of the folder does not list it twice.
    await runtimeFor(b.store.sqlite)!.rescanAll();
    await new Promise((r) => setTimeout(r, 1000));
    const again = await b.ok('records.inbox', { show: ['failed'], limit: 50 });
    expect(again.items.filter((x) => x.fileName === 'locked-referral.txt')).toHaveLength(1);
  }, 30_000);
});
