/**
 * New patient and edit patient. The date of birth is read the way the front desk types it
 * (04/19/1971 or 1971-04-19) and checked here first; everything else is checked by the
 * backend, whose messages appear beside the inputs they are about.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { LikelyDuplicate, PatientDetail, PatientFieldsInput } from '../../../../src-shared/api/schemas/patients';
import { ApiError } from '../../../../src-shared/api/errors';
import { ageOn, formatCalendarDate, parseTypedDate, todayInZone } from '../../../../src-shared/domain/dates';
import { formatPhone } from '../../../../src-shared/domain/contact';
import { api } from '../../api/client';
import { navigate, paths } from '../../app/router';
import { CheckboxField, FormAlert, SelectField, TextField } from '../../components/Field';
import { noErrors, toFormErrors, type FormErrors } from '../../lib/errors';
import { useClinicTimeZone } from '../clinic/store';
import { DuplicateWarning } from './DuplicateWarning';
import { CONTACT_OPTIONS, SEX_OPTIONS } from './labels';
import { usePatientsStore } from './store';

export const DOB_FORMAT_MESSAGE = 'Enter the date of birth as MM/DD/YYYY.';
export const DOB_FUTURE_MESSAGE = 'The date of birth cannot be in the future.';

interface Values {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  sex: string;
  phone: string;
  email: string;
  preferredContact: string;
  mrn: string;
  referringProvider: string;
  referringProviderPhone: string;
  emergencyContactName: string;
  emergencyContactPhone: string;
  emergencyContactRelation: string;
  emergencyContactIsDriver: boolean;
}
type FieldName = keyof Values;

/** Screen order: the first of these with an error gets the cursor after a failed save. */
const FIELD_ORDER: FieldName[] = [
  'firstName',
  'lastName',
  'dateOfBirth',
  'sex',
  'phone',
  'email',
  'preferredContact',
  'mrn',
  'referringProvider',
  'referringProviderPhone',
  'emergencyContactName',
  'emergencyContactPhone',
  'emergencyContactRelation',
  'emergencyContactIsDriver',
];
const KNOWN = new Set<string>(FIELD_ORDER);

const EMPTY: Values = {
  firstName: '',
  lastName: '',
  dateOfBirth: '',
  sex: '',
  phone: '',
  email: '',
  preferredContact: '',
  mrn: '',
  referringProvider: '',
  referringProviderPhone: '',
  emergencyContactName: '',
  emergencyContactPhone: '',
  emergencyContactRelation: '',
  emergencyContactIsDriver: false,
};

function fromPatient(p: PatientDetail): Values {
  const phone = (v: string | null) => (v ? formatPhone(v) : '');
  return {
    firstName: p.firstName,
    lastName: p.lastName,
    dateOfBirth: formatCalendarDate(p.dateOfBirth),
    sex: p.sex,
    phone: phone(p.phone),
    email: p.email ?? '',
    preferredContact: p.preferredContact,
    mrn: p.mrn,
    referringProvider: p.referringProvider ?? '',
    referringProviderPhone: phone(p.referringProviderPhone),
    emergencyContactName: p.emergencyContactName ?? '',
    emergencyContactPhone: phone(p.emergencyContactPhone),
    emergencyContactRelation: p.emergencyContactRelation ?? '',
    emergencyContactIsDriver: p.emergencyContactIsDriver,
  };
}

const id = (f: FieldName) => `patient-${f}`;
const blankToNull = (v: string) => (v.trim() === '' ? null : v.trim());

const LONG_DATE = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'long', day: 'numeric', year: 'numeric' });

/** "Read as April 19, 1971 (age 54)": catches day and month typed the wrong way round. */
function dobReading(text: string, today: string): string | null {
  const iso = parseTypedDate(text);
  if (!iso || iso > today) return null;
  return `Read as ${LONG_DATE.format(Date.parse(`${iso}T00:00:00Z`))} (age ${ageOn(iso, today)}).`;
}

export function PatientForm({ patient }: { patient?: PatientDetail }) {
  const editing = patient !== undefined;
  const [values, setValues] = useState<Values>(() => (patient ? fromPatient(patient) : EMPTY));
  // The version the user started from: saving over a newer one is refused as a conflict.
  const [baseVersion, setBaseVersion] = useState(patient?.version);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [conflict, setConflict] = useState(false);
  const [saving, setSaving] = useState(false);
  // Likely duplicates found when Save was pressed; shown until the person opens one or saves anyway.
  const [matches, setMatches] = useState<LikelyDuplicate[] | null>(null);
  const warningRef = useRef<HTMLDivElement>(null);
  const focusFirstError = useRef(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const timeZone = useClinicTimeZone();
  const today = todayInZone(timeZone);
  const putPatient = usePatientsStore((s) => s.putPatient);

  useEffect(() => {
    if (!focusFirstError.current) return;
    focusFirstError.current = false;
    const first = FIELD_ORDER.find((f) => errors.fields[f]);
    if (first) document.getElementById(id(first))?.focus();
    else if (errors.general) alertRef.current?.scrollIntoView({ block: 'nearest' });
  }, [errors]);

  const set = <K extends FieldName>(field: K) => (value: Values[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    // What matched was for the details as they were; a changed name, birth date, phone or MRN is checked again.
    if (field === 'firstName' || field === 'lastName' || field === 'dateOfBirth' || field === 'phone' || field === 'mrn') setMatches(null);
  };

  useEffect(() => {
    if (matches?.length) warningRef.current?.scrollIntoView({ block: 'nearest' });
  }, [matches]);
  const err = (f: FieldName) => errors.fields[f];

  const showErrors = (next: FormErrors) => {
    focusFirstError.current = true;
    setErrors(next);
  };

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    await save(false);
  }

  async function save(confirmedNotDuplicate: boolean) {
    if (saving) return;
    setConflict(false);

    const dob = parseTypedDate(values.dateOfBirth);
    if (!dob) return showErrors({ general: null, fields: { dateOfBirth: DOB_FORMAT_MESSAGE } });
    if (dob > today) return showErrors({ general: null, fields: { dateOfBirth: DOB_FUTURE_MESSAGE } });

    const fields: PatientFieldsInput = {
      firstName: values.firstName,
      lastName: values.lastName,
      dateOfBirth: dob,
      sex: values.sex as PatientFieldsInput['sex'],
      phone: blankToNull(values.phone),
      email: blankToNull(values.email),
      preferredContact: values.preferredContact as PatientFieldsInput['preferredContact'],
      mrn: blankToNull(values.mrn),
      referringProvider: blankToNull(values.referringProvider),
      referringProviderPhone: blankToNull(values.referringProviderPhone),
      emergencyContactName: blankToNull(values.emergencyContactName),
      emergencyContactPhone: blankToNull(values.emergencyContactPhone),
      emergencyContactRelation: blankToNull(values.emergencyContactRelation),
      emergencyContactIsDriver: values.emergencyContactIsDriver,
    };

    setSaving(true);
    try {
      if (!editing && !confirmedNotDuplicate) {
        const found = await api.call('patients.findLikelyDuplicates', {
          firstName: values.firstName,
          lastName: values.lastName,
          dateOfBirth: dob,
          ...(fields.phone ? { phone: fields.phone } : {}),
          ...(fields.mrn ? { mrn: fields.mrn } : {}),
        });
        if (found.matches.length) {
          setErrors(noErrors);
          setMatches(found.matches);
          return;
        }
      }
      const saved =
        editing && patient
          ? await api.call('patients.update', { id: patient.id, expectedVersion: baseVersion, fields })
          : await api.call('patients.create', { ...fields, confirmedNotDuplicate });
      putPatient(saved);
      setErrors(noErrors);
      navigate(paths.patient(saved.id));
    } catch (error) {
      setConflict(editing && error instanceof ApiError && error.code === 'CONFLICT' && !error.field);
      showErrors(toFormErrors(error, { stripPrefix: 'fields.', known: (f) => KNOWN.has(f) }));
    } finally {
      setSaving(false);
    }
  }

  /** After a conflict: load what is stored now and start the edit again from it. */
  async function loadLatest() {
    if (!patient) return;
    try {
      const latest = await api.call('patients.get', { id: patient.id });
      putPatient(latest);
      setValues(fromPatient(latest));
      setBaseVersion(latest.version);
      setConflict(false);
      setErrors({ general: null, fields: {} });
    } catch (error) {
      setErrors(toFormErrors(error));
    }
  }

  const cancelHref = patient ? paths.patient(patient.id) : paths.patients;
  const reading = errors.fields.dateOfBirth ? null : dobReading(values.dateOfBirth, today);

  return (
    <form className="form patient-form" noValidate onSubmit={onSubmit} aria-busy={saving}>
      <div ref={alertRef}>
        <FormAlert message={errors.general}>
          {conflict ? (
            <button type="button" className="button" onClick={() => void loadLatest()}>
              Load the latest details (your changes here will be discarded)
            </button>
          ) : null}
        </FormAlert>
      </div>
      <p className="form-note">
        Fields marked <span aria-hidden="true">*</span>
        <span className="visually-hidden">with an asterisk</span> are required.
      </p>

      <fieldset>
        <legend>Patient</legend>
        <div className="field-row">
          <TextField id={id('firstName')} label="First name" required value={values.firstName} onChange={set('firstName')} error={err('firstName')} autoComplete="off" maxLength={100} />
          <TextField id={id('lastName')} label="Last name" required value={values.lastName} onChange={set('lastName')} error={err('lastName')} autoComplete="off" maxLength={100} />
        </div>
        <div className="field-row">
          <TextField
            id={id('dateOfBirth')}
            label="Date of birth"
            required
            value={values.dateOfBirth}
            onChange={set('dateOfBirth')}
            error={err('dateOfBirth')}
            hint={reading ?? 'MM/DD/YYYY, for example 04/19/1971.'}
            placeholder="MM/DD/YYYY"
            inputMode="numeric"
            autoComplete="off"
            maxLength={10}
            className="field-narrow"
          />
          <SelectField id={id('sex')} label="Sex" required value={values.sex} onChange={set('sex')} options={SEX_OPTIONS} placeholder="Choose…" error={err('sex')} className="field-narrow" />
        </div>
      </fieldset>

      <fieldset>
        <legend>Contact</legend>
        <div className="field-row">
          <TextField id={id('phone')} label="Phone" type="tel" value={values.phone} onChange={set('phone')} error={err('phone')} placeholder="(555) 201-4477" autoComplete="off" maxLength={30} />
          <TextField id={id('email')} label="Email" type="email" value={values.email} onChange={set('email')} error={err('email')} placeholder="name@example.com" autoComplete="off" maxLength={254} />
        </div>
        <SelectField
          id={id('preferredContact')}
          label="Preferred contact"
          required
          value={values.preferredContact}
          onChange={set('preferredContact')}
          options={CONTACT_OPTIONS}
          placeholder="Choose…"
          error={err('preferredContact')}
          hint="How reminders and questions reach the patient."
          className="field-narrow"
        />
      </fieldset>

      <fieldset>
        <legend>Record</legend>
        <TextField
          id={id('mrn')}
          label="MRN"
          value={values.mrn}
          onChange={set('mrn')}
          error={err('mrn')}
          hint={editing ? 'Medical record number. Leave blank to keep the current number.' : 'Medical record number. Leave blank to assign the next number.'}
          autoComplete="off"
          maxLength={20}
          className="field-narrow"
        />
      </fieldset>

      <fieldset>
        <legend>Referring provider</legend>
        <div className="field-row">
          <TextField id={id('referringProvider')} label="Referring provider" value={values.referringProvider} onChange={set('referringProvider')} error={err('referringProvider')} autoComplete="off" maxLength={200} />
          <TextField id={id('referringProviderPhone')} label="Referring office number" type="tel" value={values.referringProviderPhone} onChange={set('referringProviderPhone')} error={err('referringProviderPhone')} autoComplete="off" maxLength={30} />
        </div>
      </fieldset>

      <fieldset>
        <legend>Emergency contact</legend>
        <div className="field-row">
          <TextField id={id('emergencyContactName')} label="Emergency contact name" value={values.emergencyContactName} onChange={set('emergencyContactName')} error={err('emergencyContactName')} autoComplete="off" maxLength={200} />
          <TextField id={id('emergencyContactPhone')} label="Emergency contact number" type="tel" value={values.emergencyContactPhone} onChange={set('emergencyContactPhone')} error={err('emergencyContactPhone')} autoComplete="off" maxLength={30} />
        </div>
        <TextField id={id('emergencyContactRelation')} label="Relationship to patient" value={values.emergencyContactRelation} onChange={set('emergencyContactRelation')} error={err('emergencyContactRelation')} placeholder="e.g. spouse, daughter" autoComplete="off" maxLength={60} className="field-narrow" />
        <CheckboxField
          id={id('emergencyContactIsDriver')}
          label="Emergency contact is the patient's driver"
          checked={values.emergencyContactIsDriver}
          onChange={set('emergencyContactIsDriver')}
          error={err('emergencyContactIsDriver')}
          hint="After a ketamine infusion the patient must not drive; this person takes them home."
        />
      </fieldset>

      {/* Beside Save, where the person is looking when it appears. */}
      {matches?.length ? (
        <div ref={warningRef}>
          <DuplicateWarning matches={matches} saving={saving} onSaveAnyway={() => void save(true)} />
        </div>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          Save patient
        </button>
        <a className="button button-quiet" href={cancelHref}>
          Cancel
        </a>
        {saving ? (
          <span className="muted" role="status">
            Saving…
          </span>
        ) : null}
      </div>
    </form>
  );
}
