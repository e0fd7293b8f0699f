/**
 * The wall board's one read. The board role can call nothing else, so everything the board
 * draws comes from here: the clinic's own "today", its zone, the floor and the day's
 * sessions with the patient reduced to initials.
 */
import { todayInZone } from '../../../src-shared/domain/dates';
import type { PartialHandlers } from '../api/context';
import { preparedSql } from '../db/prepared';
import { calendar } from '../series/reschedule';

export const boardHandlers: PartialHandlers = {
  'board.today': (_input, ctx) => {
    const clinic = preparedSql(ctx.sqlite, `SELECT name, time_zone AS timeZone FROM clinic_settings WHERE deleted_at IS NULL LIMIT 1`).get() as
      | { name: string; timeZone: string }
      | undefined;
    const zone = clinic?.timeZone ?? 'UTC';
    const date = todayInZone(zone, ctx.now());
    const { floor, sessions } = calendar(ctx, { from: date, days: 1 });
    return {
      date,
      clinicName: clinic?.name ?? '',
      floor,
      sessions: sessions.map((s) => ({ ...s, patientLabel: s.patientInitials, supervisorName: s.supervisorName })),
    };
  },
};
