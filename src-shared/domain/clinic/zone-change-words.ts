/**
 * What a clinic time-zone change keeps at its local times, in words the settings dialog and
 * the backend's refusal share: "6 booked infusion sessions, 2 consultations and 1 suite closure".
 */
export interface ZoneChangeCounts {
  sessions: number;
  consultations: number;
  closures: number;
  timeOff: number;
}

export const zoneChangeTotal = (c: ZoneChangeCounts) => c.sessions + c.consultations + c.closures + c.timeOff;

/** Only the kinds there are; "nothing booked ahead" when there is none. */
export function zoneChangeWords(c: ZoneChangeCounts): string {
  const part = (k: number, one: string, many: string) => (k ? `${k} ${k === 1 ? one : many}` : null);
  const parts = [
    part(c.sessions, 'booked infusion session', 'booked infusion sessions'),
    part(c.consultations, 'consultation', 'consultations'),
    part(c.closures, 'suite closure', 'suite closures'),
    part(c.timeOff, 'provider time off', 'provider times off'),
  ].filter((x): x is string => x !== null);
  if (parts.length <= 1) return parts[0] ?? 'nothing booked ahead';
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}
