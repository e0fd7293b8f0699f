/**
 * The wall board's data: only what the board draws. Patients appear as the clinic's chosen
 * label (initials or the day's code) and never by id or name; the board role reads nothing else.
 */
import { z } from 'zod';
import { BOARD_IDENTIFICATIONS } from '../../domain/board/board-view';
import { TIME_FORMATS } from '../../domain/clock-display';
import { SESSION_STATUS_VALUES } from './series';

export const boardIdentificationSchema = z.enum(BOARD_IDENTIFICATIONS, { error: 'Choose initials or a code for the day.' });

const entrySchema = z.object({
  label: z.string(),
  position: z.string(),
  startsAt: z.number().int(),
  infusionStartsAt: z.number().int(),
  recoveryStartsAt: z.number().int(),
  endsAt: z.number().int(),
  phase: z.object({
    status: z.enum(SESSION_STATUS_VALUES),
    phase: z.enum(['expected', 'prep', 'infusing', 'recovery', 'done']),
    since: z.number().int().nullable(),
    plannedFrom: z.number().int(),
    plannedUntil: z.number().int(),
    behindMinutes: z.number().int(),
    late: z.boolean(),
    lateWhat: z.enum(['arrival', 'infusion start', 'end of infusion', 'discharge']).nullable(),
  }),
});

export const boardTileSchema = z.object({
  suiteId: z.string(),
  name: z.string(),
  state: z.enum(['in_use', 'waiting', 'free', 'closed']),
  closedReason: z.string().nullable(),
  now: entrySchema.nullable(),
  alsoInSuite: z.number().int(),
  next: z.object({ label: z.string(), position: z.string(), startsAt: z.number().int() }).nullable(),
  dayStart: z.number().int(),
  dayEnd: z.number().int(),
  blocks: z.array(z.object({ startsAt: z.number().int(), endsAt: z.number().int(), status: z.string() })),
});

export const boardTodayOutput = z.object({
  date: z.string(),
  clinicName: z.string(),
  timeZone: z.string(),
  /** The instant the board was worked out (the backend's clock): the board shows "Updated hh:mm" from it. */
  asOf: z.number().int(),
  identification: boardIdentificationSchema,
  /** The clinic's time format (the board role cannot read the clinic's settings). */
  timeFormat: z.enum(TIME_FORMATS),
  tiles: z.array(boardTileSchema),
  inUse: z.number().int(),
  utilization: z.object({
    openMinutes: z.number().int(),
    bookedMinutes: z.number().int(),
    scheduledShare: z.number().nullable(),
    openSoFarMinutes: z.number().int(),
    occupiedMinutes: z.number().int(),
    actualShare: z.number().nullable(),
  }),
});

export const boardSettingsSchema = z.object({ identification: boardIdentificationSchema });
export const boardSettingsUpdate = z.object({ identification: boardIdentificationSchema }).strict();
