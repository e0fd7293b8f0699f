/**
 * This device's identity and hybrid logical clock, kept in `device_meta` so the clock
 * never goes back across restarts and the node id (the HLC tie-breaker) is stable.
 */
import { randomBytes } from 'node:crypto';
import { HybridLogicalClock, parseHlc } from '../../../src-shared/hlc';
import type { Sqlite } from '../db/open';

export function loadDeviceClock(sqlite: Sqlite, now: () => number): HybridLogicalClock {
  const get = sqlite.prepare(`SELECT value FROM device_meta WHERE key = ?`);
  let node = (get.get('node.id') as { value: string } | undefined)?.value;
  if (!node) {
    node = randomBytes(8).toString('hex');
    sqlite.prepare(`INSERT INTO device_meta (key, value) VALUES ('node.id', ?)`).run(node);
  }
  const lastText = (get.get('hlc.last') as { value: string } | undefined)?.value;
  return new HybridLogicalClock({ node, now, ...(lastText ? { last: parseHlc(lastText) } : {}) });
}
