/**
 * A patient's code on the wall board today, for the desk to tell them at check-in, shown on the
 * Today card when the clinic names patients on the board by a code for the day (Settings › Wall
 * board). The code is the shared rule's (src-shared/domain/board/day-code.ts) over the day the
 * Today screen shows, so it is the one the board shows: nothing is stored or fetched per patient.
 */
import { useEffect, useMemo } from 'react';
import { create } from 'zustand';
import { dayCodes } from '../../../../src-shared/domain/board/day-code';
import { api } from '../../api/client';
import { useSessionsStore } from '../today/store';

interface BoardSettingState {
  identification: 'initials' | 'code' | null;
  load(): Promise<void>;
}

/** The clinic's choice, read once and again when the clinic's set-up changes. */
const useBoardSetting = create<BoardSettingState>()((set) => ({
  identification: null,
  async load() {
    try {
      const s = await api.call('board.settings.get', {});
      set({ identification: s.identification });
    } catch {
      // No code shown is the safe failure: the board itself still shows the code.
    }
  },
}));

let listening = false;
function useIdentification(): BoardSettingState['identification'] {
  const identification = useBoardSetting((s) => s.identification);
  useEffect(() => {
    if (listening) return;
    listening = true;
    void useBoardSetting.getState().load();
    api.subscribe('clinic.changed', () => void useBoardSetting.getState().load());
  }, []);
  return identification;
}

export function BoardCode({ patientId }: { patientId: string }) {
  const identification = useIdentification();
  const date = useSessionsStore((s) => s.date);
  const day = useSessionsStore((s) => s.day?.data ?? null);
  const codes = useMemo(() => (date && day ? dayCodes(date, day.flatMap((suite) => suite.sessions)) : null), [date, day]);
  const code = identification === 'code' ? codes?.get(patientId) : undefined;
  if (!code) return null;
  return (
    <span className="today-board-code">
      {' · '}Board code <strong>{code}</strong>
    </span>
  );
}
