import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ApiError, type FieldIssue } from '../../../src-shared/api/errors';
import { openingHoursSchema } from '../../../src-shared/api/schemas/common';
import { clinicSettingsUpdate, suiteFields } from '../../../src-shared/api/schemas/clinic';
import { patientFieldsSchema, type PatientFieldsInput } from '../../../src-shared/api/schemas/patients';
import { parseOrThrow, zodToApiError } from '../../../src-shared/api/validation';

/** Parses and returns the VALIDATION ApiError it must throw. */
function refusal(schema: z.ZodType, value: unknown, prefix: string[] = []): ApiError {
  try {
    parseOrThrow(schema, value, prefix);
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    const err = e as ApiError;
    expect(err.code).toBe('VALIDATION');
    expect(err.issues?.length).toBeGreaterThan(0);
    expect(err.field).toBe(err.issues![0]!.field);
    return err;
  }
  throw new Error('expected a VALIDATION error, the input was accepted');
}

/** zod's developer English must never reach the front desk. */
function expectPlainWords(issues: FieldIssue[] | undefined) {
  for (const i of issues ?? []) {
    expect(i.message).not.toMatch(/invalid input|expected|received|undefined|null|NaN|regex|zod|\bpath\b/i);
    expect(i.message).toMatch(/^[A-Z].*\.$/);
  }
}

const base = {
  firstName: 'Ann',
  lastName: 'Lee',
  dateOfBirth: '1984-03-07',
  sex: 'female',
  preferredContact: 'none',
} as const satisfies PatientFieldsInput;

const patient = (overrides: Record<string, unknown> = {}) => ({ ...base, ...overrides });
const without = (key: keyof typeof base) => {
  const copy: Record<string, unknown> = { ...base };
  delete copy[key];
  return copy;
};

describe('patientFieldsSchema: required names', () => {
  it.each([
    { name: 'first name missing', input: without('firstName'), field: 'firstName', message: 'Enter the first name.' },
    { name: 'first name empty', input: patient({ firstName: '' }), field: 'firstName', message: 'Enter the first name.' },
    { name: 'first name blank', input: patient({ firstName: '   ' }), field: 'firstName', message: 'Enter the first name.' },
    { name: 'first name null', input: patient({ firstName: null }), field: 'firstName', message: 'Enter the first name.' },
    { name: 'last name missing', input: without('lastName'), field: 'lastName', message: 'Enter the last name.' },
    { name: 'last name blank', input: patient({ lastName: '\t ' }), field: 'lastName', message: 'Enter the last name.' },
    {
      name: 'first name too long',
      input: patient({ firstName: 'A'.repeat(101) }),
      field: 'firstName',
      message: 'The first name can be at most 100 characters.',
    },
  ])('$name → issue on $field', ({ input, field, message }) => {
    const err = refusal(patientFieldsSchema, input);
    expect(err.issues).toEqual([{ field, message }]);
    expect(err.field).toBe(field);
    expect(err.message).toBe(message);
    expect(err.message).toMatch(field === 'firstName' ? /first name/i : /last name/i);
    expectPlainWords(err.issues);
  });

  it('trims names and accepts exactly 100 characters', () => {
    const out = parseOrThrow(patientFieldsSchema, patient({ firstName: '  Ann  ', lastName: 'L'.repeat(100) }));
    expect(out.firstName).toBe('Ann');
    expect(out.lastName).toHaveLength(100);
  });

  it('an empty form names every required field, first one as the headline', () => {
    const err = refusal(patientFieldsSchema, {});
    expect(err.issues!.map((i) => i.field)).toEqual(['firstName', 'lastName', 'dateOfBirth', 'sex', 'preferredContact']);
    expect(err.field).toBe('firstName');
    expect(err.message).toBe('Please correct 5 fields.');
    expectPlainWords(err.issues);
  });
});

describe('patientFieldsSchema: date of birth', () => {
  it.each([
    { dob: '1984-02-30', message: /date of birth.*real date/i },
    { dob: '2023-02-29', message: /date of birth.*real date/i },
    { dob: '1984-13-01', message: /date of birth.*real date/i },
    { dob: '3/7/1984', message: /date of birth.*YYYY-MM-DD/ },
    { dob: '84-03-07', message: /date of birth/i },
    { dob: '', message: /^Enter the date of birth\.$/ },
    { dob: '   ', message: /^Enter the date of birth\.$/ },
    { dob: undefined, message: /^Enter the date of birth\.$/ },
  ])('refuses $dob', ({ dob, message }) => {
    const err = refusal(patientFieldsSchema, patient({ dateOfBirth: dob }));
    expect(err.issues).toHaveLength(1);
    expect(err.field).toBe('dateOfBirth');
    expect(err.issues![0]!.message).toMatch(message);
    expect(err.message).toMatch(/date of birth/i);
    expectPlainWords(err.issues);
  });

  it.each(['', '  '])('a blank date of birth (%j) is one mistake with its own headline', (dob) => {
    const err = refusal(patientFieldsSchema, patient({ dateOfBirth: dob }));
    expect(err.issues).toEqual([{ field: 'dateOfBirth', message: 'Enter the date of birth.' }]);
    expect(err.message).toBe('Enter the date of birth.');
  });

  it.each(['2024-02-29', '2000-02-29', ' 1984-03-07 '])('accepts %j', (dob) => {
    expect(parseOrThrow(patientFieldsSchema, patient({ dateOfBirth: dob })).dateOfBirth).toBe(dob.trim());
  });
});

describe('patientFieldsSchema: e-mail', () => {
  it.each(['bad@', 'name', 'name@example', 'name @example.com', 'a@b@c.com'])('refuses %j on field email', (email) => {
    const err = refusal(patientFieldsSchema, patient({ email }));
    expect(err.issues).toEqual([{ field: 'email', message: 'Enter an e-mail address such as name@example.com.' }]);
    expect(err.message).toMatch(/e-mail address/i);
  });

  it.each([
    ['Ann.Lee@Example.COM', 'ann.lee@example.com'],
    ['  ANN@EXAMPLE.ORG  ', 'ann@example.org'],
    ['ann@example.com', 'ann@example.com'],
  ])('stores %j as %j', (email, stored) => {
    expect(parseOrThrow(patientFieldsSchema, patient({ email })).email).toBe(stored);
  });
});

describe('patientFieldsSchema: phone numbers', () => {
  it.each([
    { field: 'phone', value: '123', message: /^Enter the phone number with its area code/ },
    { field: 'phone', value: '055-201-4477', message: /phone number/ },
    { field: 'phone', value: '555-CALL-NOW', message: /phone number/ },
    { field: 'referringProviderPhone', value: '201-4477', message: /referring provider's phone/ },
    { field: 'emergencyContactPhone', value: 'call me', message: /emergency contact's phone/ },
  ])('refuses $value on field $field', ({ field, value, message }) => {
    const err = refusal(patientFieldsSchema, patient({ [field]: value }));
    expect(err.issues).toHaveLength(1);
    expect(err.field).toBe(field);
    expect(err.message).toMatch(message);
    expect(err.message).toMatch(/\(555\) 201-4477/);
    expectPlainWords(err.issues);
  });

  it.each([
    ['(555) 201-4477', '+15552014477'],
    ['1-555-201-4477', '+15552014477'],
    [' 555.201.4477 ', '+15552014477'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('normalizes %j to %s', (phone, e164) => {
    const out = parseOrThrow(patientFieldsSchema, patient({ phone, referringProviderPhone: phone, emergencyContactPhone: phone }));
    expect([out.phone, out.referringProviderPhone, out.emergencyContactPhone]).toEqual([e164, e164, e164]);
  });
});

describe('patientFieldsSchema: preferred contact', () => {
  it.each([
    { preferredContact: 'sms', extra: {}, field: 'phone', message: /phone number/i },
    { preferredContact: 'sms', extra: { phone: '' }, field: 'phone', message: /phone number/i },
    { preferredContact: 'sms', extra: { phone: '   ' }, field: 'phone', message: /phone number/i },
    { preferredContact: 'phone', extra: { phone: null }, field: 'phone', message: /phone number/i },
    // The emergency contact's phone is not the patient's.
    { preferredContact: 'sms', extra: { emergencyContactPhone: '(555) 201-4477' }, field: 'phone', message: /phone number/i },
    { preferredContact: 'email', extra: {}, field: 'email', message: /e-mail address/i },
    { preferredContact: 'email', extra: { email: '  ', phone: '(555) 201-4477' }, field: 'email', message: /e-mail address/i },
  ])('$preferredContact without the channel → issue on $field', ({ preferredContact, extra, field, message }) => {
    const err = refusal(patientFieldsSchema, patient({ preferredContact, ...extra }));
    expect(err.issues).toHaveLength(1);
    expect(err.field).toBe(field);
    expect(err.message).toMatch(message);
    expect(err.message).toMatch(/choose another way to contact the patient/);
    expectPlainWords(err.issues);
  });

  it.each([
    { preferredContact: 'sms', extra: { phone: '(555) 201-4477' } },
    { preferredContact: 'phone', extra: { phone: '5552014477' } },
    { preferredContact: 'email', extra: { email: 'ann@example.com' } },
    { preferredContact: 'none', extra: {} },
  ])('$preferredContact with what it needs is accepted', ({ preferredContact, extra }) => {
    expect(parseOrThrow(patientFieldsSchema, patient({ preferredContact, ...extra })).preferredContact).toBe(preferredContact);
  });

  it.each(['fax', '', 'SMS'])('refuses channel %j in plain words', (preferredContact) => {
    const err = refusal(patientFieldsSchema, patient({ preferredContact }));
    expect(err.issues).toEqual([{ field: 'preferredContact', message: 'Choose how the patient prefers to be contacted.' }]);
  });

  it.each(['F', 'woman', ''])('refuses sex %j in plain words', (sex) => {
    const err = refusal(patientFieldsSchema, patient({ sex }));
    expect(err.issues).toEqual([{ field: 'sex', message: 'Choose female, male, other or unknown.' }]);
  });
});

describe('patientFieldsSchema: driver home', () => {
  it.each([{}, { emergencyContactName: '' }, { emergencyContactName: '   ' }, { emergencyContactName: null }])(
    'driver checked without a name (%j) → issue on emergencyContactName',
    (extra) => {
      const err = refusal(patientFieldsSchema, patient({ emergencyContactIsDriver: true, ...extra }));
      expect(err.issues).toEqual([{ field: 'emergencyContactName', message: 'Name the person who will drive the patient home.' }]);
      expect(err.message).toMatch(/drive the patient home/i);
    },
  );

  it('driver checked with a name is accepted', () => {
    const out = parseOrThrow(patientFieldsSchema, patient({ emergencyContactIsDriver: true, emergencyContactName: ' Bo Lee ' }));
    expect(out.emergencyContactIsDriver).toBe(true);
    expect(out.emergencyContactName).toBe('Bo Lee');
  });

  it('the driver flag defaults to false', () => {
    expect(parseOrThrow(patientFieldsSchema, patient()).emergencyContactIsDriver).toBe(false);
  });
});

describe('patientFieldsSchema: MRN', () => {
  it.each([
    ['ab-12', 'AB-12'],
    ['  mrn0001 ', 'MRN0001'],
    ['Z9', 'Z9'],
    ['a'.repeat(20), 'A'.repeat(20)],
    ['', null],
    ['   ', null],
    [null, null],
    [undefined, null],
  ])('%j → %j', (mrn, stored) => {
    expect(parseOrThrow(patientFieldsSchema, patient({ mrn })).mrn).toBe(stored);
  });

  it.each(['ab 12', 'AB_12', 'a'.repeat(21), 'MRN#1'])('refuses %j on field mrn', (mrn) => {
    const err = refusal(patientFieldsSchema, patient({ mrn }));
    expect(err.issues).toEqual([{ field: 'mrn', message: 'The MRN can use letters, digits and dashes, at most 20.' }]);
  });
});

describe('patientFieldsSchema: blanks become null', () => {
  it.each(['', '   ', null, undefined])('optional fields given %j are stored as null', (blank) => {
    const out = parseOrThrow(
      patientFieldsSchema,
      patient({
        phone: blank,
        email: blank,
        mrn: blank,
        referringProvider: blank,
        referringProviderPhone: blank,
        emergencyContactName: blank,
        emergencyContactPhone: blank,
        emergencyContactRelation: blank,
      }),
    );
    expect(out).toEqual({
      firstName: 'Ann',
      lastName: 'Lee',
      dateOfBirth: '1984-03-07',
      sex: 'female',
      phone: null,
      email: null,
      preferredContact: 'none',
      mrn: null,
      referringProvider: null,
      referringProviderPhone: null,
      emergencyContactName: null,
      emergencyContactPhone: null,
      emergencyContactRelation: null,
      emergencyContactIsDriver: false,
    });
  });

  it.each([
    ['referringProvider', 200, 'Referring provider can be at most 200 characters.'],
    ['emergencyContactName', 200, 'Emergency contact can be at most 200 characters.'],
    ['emergencyContactRelation', 60, 'Relationship can be at most 60 characters.'],
  ])('optional text %s is limited to %i characters', (field, max, message) => {
    expect(parseOrThrow(patientFieldsSchema, patient({ [field]: 'x'.repeat(max) }))[field as 'referringProvider']).toHaveLength(max);
    const err = refusal(patientFieldsSchema, patient({ [field]: 'x'.repeat(max + 1) }));
    expect(err.issues).toEqual([{ field, message }]);
  });
});

describe('patientFieldsSchema: a complete patient', () => {
  it('passes with normalized values', () => {
    const input: PatientFieldsInput = {
      firstName: '  Maria ',
      lastName: 'Gonzalez-Ruiz',
      dateOfBirth: '1975-11-02',
      sex: 'female',
      phone: '(555) 201-4477',
      email: ' Maria.G@Example.com ',
      preferredContact: 'sms',
      mrn: 'kc-004211',
      referringProvider: 'Dr. Alan Park',
      referringProviderPhone: '1-312-555-0188',
      emergencyContactName: 'Luis Gonzalez',
      emergencyContactPhone: '312.555.0199',
      emergencyContactRelation: 'Husband',
      emergencyContactIsDriver: true,
    };
    expect(parseOrThrow(patientFieldsSchema, input)).toEqual({
      firstName: 'Maria',
      lastName: 'Gonzalez-Ruiz',
      dateOfBirth: '1975-11-02',
      sex: 'female',
      phone: '+15552014477',
      email: 'maria.g@example.com',
      preferredContact: 'sms',
      mrn: 'KC-004211',
      referringProvider: 'Dr. Alan Park',
      referringProviderPhone: '+13125550188',
      emergencyContactName: 'Luis Gonzalez',
      emergencyContactPhone: '+13125550199',
      emergencyContactRelation: 'Husband',
      emergencyContactIsDriver: true,
    });
  });

  it('several mistakes are reported together, each on its own field', () => {
    const err = refusal(
      patientFieldsSchema,
      patient({ firstName: ' ', dateOfBirth: '1984-02-30', email: 'bad@', phone: '123', mrn: 'a b' }),
    );
    expect(err.issues!.map((i) => i.field).sort()).toEqual(['dateOfBirth', 'email', 'firstName', 'mrn', 'phone']);
    expect(err.message).toBe('Please correct 5 fields.');
    expectPlainWords(err.issues);
    expect(err.toJSON()).toEqual({ code: 'VALIDATION', message: err.message, field: err.field, issues: err.issues });
  });

  it('prefixes field paths when asked', () => {
    const err = refusal(patientFieldsSchema, patient({ dateOfBirth: '1984-02-30' }), ['patient']);
    expect(err.field).toBe('patient.dateOfBirth');
    expect(err.issues).toEqual([{ field: 'patient.dateOfBirth', message: 'Enter the date of birth as a real date (YYYY-MM-DD).' }]);
  });

  it('a missing input as a whole is "required", not zod English', () => {
    const err = refusal(patientFieldsSchema, undefined);
    expect(err.issues).toEqual([{ field: '(input)', message: 'This field is required.' }]);
  });

  it('zodToApiError maps issues directly', () => {
    const r = patientFieldsSchema.safeParse(patient({ email: 'x' }));
    expect(r.success).toBe(false);
    const err = zodToApiError(r.error!, ['form']);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.toJSON()).toEqual({
      code: 'VALIDATION',
      message: 'Enter an e-mail address such as name@example.com.',
      field: 'form.email',
      issues: [{ field: 'form.email', message: 'Enter an e-mail address such as name@example.com.' }],
    });
  });
});

describe('openingHoursSchema', () => {
  const CLOSE_MSG = 'Closing time must be after opening time.';
  const OVERLAP_MSG = 'These hours overlap other hours on the same day.';

  it.each([
    { name: 'close before open', hours: [{ day: 1, open: '09:00', close: '08:00' }], issues: [{ field: '0.close', message: CLOSE_MSG }] },
    { name: 'close equal to open', hours: [{ day: 2, open: '09:00', close: '09:00' }], issues: [{ field: '0.close', message: CLOSE_MSG }] },
    {
      name: 'second interval closes before it opens',
      hours: [
        { day: 1, open: '08:00', close: '12:00' },
        { day: 3, open: '17:30', close: '13:00' },
      ],
      issues: [{ field: '1.close', message: CLOSE_MSG }],
    },
    {
      name: 'partly overlapping intervals',
      hours: [
        { day: 1, open: '09:00', close: '12:00' },
        { day: 1, open: '11:00', close: '13:00' },
      ],
      issues: [{ field: '1.open', message: OVERLAP_MSG }],
    },
    {
      name: 'overlap listed in the other order',
      hours: [
        { day: 1, open: '11:00', close: '13:00' },
        { day: 1, open: '09:00', close: '12:00' },
      ],
      issues: [{ field: '1.open', message: OVERLAP_MSG }],
    },
    {
      name: 'one interval inside another',
      hours: [
        { day: 4, open: '08:00', close: '17:00' },
        { day: 4, open: '10:00', close: '11:00' },
      ],
      issues: [{ field: '1.open', message: OVERLAP_MSG }],
    },
    {
      name: 'the same interval twice',
      hours: [
        { day: 0, open: '10:00', close: '14:00' },
        { day: 0, open: '10:00', close: '14:00' },
      ],
      issues: [{ field: '1.open', message: OVERLAP_MSG }],
    },
    {
      name: 'third interval overlaps the first',
      hours: [
        { day: 5, open: '08:00', close: '10:00' },
        { day: 5, open: '13:00', close: '15:00' },
        { day: 5, open: '09:59', close: '11:00' },
      ],
      issues: [{ field: '2.open', message: OVERLAP_MSG }],
    },
  ])('refuses $name', ({ hours, issues }) => {
    const err = refusal(openingHoursSchema, hours);
    expect(err.issues).toEqual(issues);
    expectPlainWords(err.issues);
  });

  it.each([
    { name: 'no hours', hours: [] },
    { name: 'one interval', hours: [{ day: 1, open: '08:00', close: '17:30' }] },
    {
      name: 'a lunch break',
      hours: [
        { day: 1, open: '08:00', close: '12:00' },
        { day: 1, open: '13:00', close: '17:00' },
      ],
    },
    {
      name: 'intervals that touch',
      hours: [
        { day: 1, open: '08:00', close: '12:00' },
        { day: 1, open: '12:00', close: '17:00' },
      ],
    },
    {
      name: 'the same hours on different days',
      hours: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: '09:00', close: '17:00' })),
    },
    { name: 'a full day', hours: [{ day: 6, open: '00:00', close: '23:59' }] },
  ])('accepts $name', ({ hours }) => {
    expect(parseOrThrow(openingHoursSchema, hours)).toEqual(hours);
  });

  it.each([
    ['9:00', 'open'],
    ['24:00', 'open'],
    ['08:60', 'open'],
    ['8am', 'open'],
    ['17:3', 'close'],
  ])('refuses time %j on %s in plain words', (time, which) => {
    const hours = [{ day: 1, open: '08:00', close: '17:30', [which]: time }];
    const err = refusal(openingHoursSchema, hours);
    const example = which === 'open' ? '08:00' : '17:30';
    expect(err.issues).toContainEqual({ field: `0.${which}`, message: `Use 24-hour time such as ${example}.` });
    expect(err.field).toBe(`0.${which}`);
  });

  it.each([7, -1, 1.5])('refuses weekday %j', (day) => {
    expect(refusal(openingHoursSchema, [{ day, open: '08:00', close: '17:00' }]).field).toBe('0.day');
  });

  it('refuses more than 28 intervals', () => {
    const hours = Array.from({ length: 29 }, (_, i) => ({ day: i % 7, open: `${String(i).padStart(2, '0')}:00`, close: '23:59' }));
    expect(refusal(openingHoursSchema, hours).field).toBe('(input)');
  });

  it('clinic settings report hours problems under openingHours', () => {
    const err = refusal(clinicSettingsUpdate, {
      name: 'Lakeside Infusion',
      timeZone: 'America/Chicago',
      openingHours: [{ day: 1, open: '17:00', close: '08:00' }],
    });
    expect(err.issues).toEqual([{ field: 'openingHours.0.close', message: CLOSE_MSG }]);
  });

  it.each(['Mars/Olympus', 'EST', ''])('clinic settings refuse time zone %j in plain words', (timeZone) => {
    const err = refusal(clinicSettingsUpdate, { name: 'Lakeside Infusion', timeZone, openingHours: [] });
    expect(err.issues).toEqual([{ field: 'timeZone', message: 'Choose a time zone from the list, such as America/Chicago.' }]);
    expect(err.message).toMatch(/time zone/i);
  });

  it('a suite without its own hours keeps the clinic hours (null)', () => {
    expect(parseOrThrow(suiteFields, { name: 'Suite 1' })).toEqual({ name: 'Suite 1', active: true, openingHours: null });
  });
});
