import { describe, expect, it } from 'vitest';
import { missingReason, placeholderValues, renderTemplate, type ClinicFacts } from '../../../src-main/backend/reminders/rules/render';
import { parseTemplate, reminderTemplateFields } from '../../../src-shared/api/schemas/reminders';
import { zonedToInstant } from '../../../src-shared/domain/zoned-time';

const ZONE = 'America/Chicago';
const clinic: ClinicFacts = {
  timeZone: ZONE,
  clinicName: 'Lakeside Pain & Infusion',
  clinicAddress: '1200 Lake Shore Dr, Suite 300, Chicago, IL 60611',
  clinicPhone: '+13125550100',
  arrivalLeadMinutes: 15,
  fastingInstructions: 'No food for 6 hours before you arrive.',
  driverRequirement: 'A responsible adult must drive you home.',
};
const session = {
  startsAt: zonedToInstant(ZONE, '2026-12-07', '10:00'),
  endsAt: zonedToInstant(ZONE, '2026-12-07', '15:30'),
  seq: 3,
  total: 6,
};
const patient = { firstName: 'Ana', lastName: 'Ramirez' };

describe('rendering a reminder', () => {
  it('fills every placeholder in clinic time, with plain spaces', () => {
    const values = placeholderValues(session, patient, clinic);
    const r = renderTemplate(
      'Hello {firstName} {lastName}: infusion {sessionNumber} on {date} at {time}; arrive by {arrivalTime}, home about {dischargeTime}. {clinicName}, {address}, {clinicPhone}. {fastingInstructions} {driverRequirement}',
      values,
    );
    expect(r.text).toBe(
      'Hello Ana Ramirez: infusion 3 of 6 on Monday, December 7 at 10:00 AM; arrive by 9:45 AM, home about 3:30 PM. Lakeside Pain & Infusion, 1200 Lake Shore Dr, Suite 300, Chicago, IL 60611, (312) 555-0100. No food for 6 hours before you arrive. A responsible adult must drive you home.',
    );
    expect(r.missing).toEqual([]);
    // Only GSM-7 friendly spaces: U+202F would turn a text message into short UCS-2 parts.
    expect(r.text).not.toMatch(/[\u202f\u00a0]/);
  });

  it('uses the clinic’s arrival lead', () => {
    const values = placeholderValues(session, patient, { ...clinic, arrivalLeadMinutes: 30 });
    expect(values.arrivalTime).toBe('9:30 AM');
  });

  it('names what is missing instead of sending a gap', () => {
    const values = placeholderValues(session, patient, { ...clinic, clinicAddress: '  ', clinicPhone: null });
    const r = renderTemplate('Come to {address}. Call {clinicPhone}.', values);
    expect(r.missing).toEqual(['address', 'clinicPhone']);
    expect(r.text).toBe('Come to {address}. Call {clinicPhone}.');
    expect(missingReason(r.missing)).toBe('The clinic address and the clinic phone number are not set: add them in Settings → Reminders.');
  });
});

describe('placeholders in a template', () => {
  it('splits text and placeholders', () => {
    expect(parseTemplate('Hi {firstName}, see you {date}.')).toEqual({
      parts: [{ text: 'Hi ' }, { placeholder: 'firstName' }, { text: ', see you ' }, { placeholder: 'date' }, { text: '.' }],
      problems: [],
    });
  });

  it('names an unknown placeholder and suggests the near one', () => {
    const { problems } = parseTemplate('Arrive by {arivalTime}.');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toBe('{arivalTime} is not a placeholder the app knows. Did you mean {arrivalTime}?');
    expect(parseTemplate('{shoeSize}').problems[0]).toMatch(/^\{shoeSize\} is not a placeholder the app knows\. Use one of: \{firstName\}, \{lastName\}, \{date\}/);
  });

  it('names stray and unclosed braces', () => {
    expect(parseTemplate('Hi {firstName').problems[0]).toMatch(/A \{ is not closed near “\{firstName”/);
    expect(parseTemplate('Hi firstName}').problems[0]).toMatch(/a \} without a \{/);
    expect(parseTemplate('Hi {}').problems[0]).toMatch(/empty \{\}/);
  });

  it('the API schema refuses an unknown placeholder on the field that has it', () => {
    const r = reminderTemplateFields.safeParse({
      name: 'Two days',
      offset: { kind: 'hours_before', hours: 48 },
      channel: 'sms',
      body: 'See you {date}, arrive by {arivalTime}.',
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['body', '{arivalTime} is not a placeholder the app knows. Did you mean {arrivalTime}?']]);
  });

  it('an e-mail template needs a subject; the subject is checked too', () => {
    const base = { name: 'Mail', offset: { kind: 'day_before', time: '18:00' }, body: 'See you {date}.' };
    const noSubject = reminderTemplateFields.safeParse({ ...base, channel: 'email' });
    expect(noSubject.error!.issues.map((i) => i.path.join('.'))).toEqual(['subject']);
    const badSubject = reminderTemplateFields.safeParse({ ...base, channel: 'preferred', subject: 'Your {dat}' });
    expect(badSubject.error!.issues[0]!.message).toBe('{dat} is not a placeholder the app knows. Did you mean {date}?');
    expect(reminderTemplateFields.safeParse({ ...base, channel: 'sms' }).success).toBe(true);
  });

  it('refuses impossible timings with plain words', () => {
    const base = { name: 'x', channel: 'sms', body: 'Hi' };
    expect(reminderTemplateFields.safeParse({ ...base, offset: { kind: 'hours_before', hours: 0 } }).error!.issues[0]!.message).toBe(
      'Send the reminder at least 1 hour before the session.',
    );
    expect(reminderTemplateFields.safeParse({ ...base, offset: { kind: 'day_before', time: '25:00' } }).error!.issues[0]!.message).toBe(
      'Use 24-hour time such as 18:00.',
    );
  });
});
