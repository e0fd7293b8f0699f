/**
 * Whether the first-run setup takes the screen: only for someone who may change the settings,
 * on the computer that created the clinic, until it is finished or left for Settings.
 */
import { useCallback, useEffect, useState } from 'react';
import type { SetupStatus } from '../../../../src-shared/api/methods/setup';
import { api } from '../../api/client';
import { useCan } from '../auth/store';

export function useFirstRunSetup(): { status: SetupStatus | null; open: boolean; pending: boolean; close: () => void } {
  const mayChange = useCan('settings.write');
  // undefined: not answered yet (the app waits a moment rather than flash Today, then the setup).
  const [status, setStatus] = useState<SetupStatus | null | undefined>(undefined);

  useEffect(() => {
    if (!mayChange) return;
    let live = true;
    api.call('setup.status', {}).then(
      (s) => live && setStatus(s),
      // Unreadable: the app opens as usual; the setup's pages are all in Settings too.
      () => live && setStatus(null),
    );
    return () => {
      live = false;
    };
  }, [mayChange]);

  const close = useCallback(() => setStatus((s) => (s ? { ...s, state: 'finished' } : s)), []);
  return { status: status ?? null, open: mayChange && status?.state === 'open', pending: mayChange && status === undefined, close };
}
