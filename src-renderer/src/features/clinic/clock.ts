/**
 * The clinic's way of writing dates and times, for every screen: its zone and its chosen 12- or
 * 24-hour format (Settings › Clinic), with the display rules of src-shared/domain/clock-display.ts.
 */
import { DEFAULT_TIME_FORMAT, type TimeFormat } from '../../../../src-shared/domain/clock-display';
import { useClinicStore, useClinicTimeZone } from './store';

/** 12- or 24-hour, the clinic's choice; 12-hour until settings have loaded. */
export function useTimeFormat(): TimeFormat {
  return useClinicStore((s) => s.settings?.timeFormat ?? DEFAULT_TIME_FORMAT);
}

/** The clinic's zone and time format together. */
export function useClinicClock(): { zone: string; format: TimeFormat } {
  return { zone: useClinicTimeZone(), format: useTimeFormat() };
}

/** Outside React (stores, plain helpers): the format as last loaded. */
export function currentTimeFormat(): TimeFormat {
  return useClinicStore.getState().settings?.timeFormat ?? DEFAULT_TIME_FORMAT;
}
