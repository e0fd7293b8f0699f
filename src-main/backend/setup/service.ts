/** setup.status / setup.save: where the first-run setup is (the answers go through the settings methods). */
import { SETUP_STEPS } from '../../../src-shared/api/methods/setup';
import type { PartialHandlers } from '../api/context';
import { readSetup, writeSetup } from './state';

export const setupHandlers: PartialHandlers = {
  'setup.status': (_input, ctx) => readSetup(ctx.sqlite),
  'setup.save': (input, ctx) => {
    const now = readSetup(ctx.sqlite);
    // A computer that joined a clinic has no walk to save; nothing changes.
    if (now.state === 'none') return now;
    const saved = input.saved && !now.saved.includes(input.saved) ? [...now.saved, input.saved] : now.saved;
    const next = {
      state: input.finished || now.state === 'finished' ? ('finished' as const) : ('open' as const),
      step: input.step,
      saved: SETUP_STEPS.filter((s) => saved.includes(s)),
    };
    writeSetup(ctx.sqlite, next);
    return next;
  },
};
