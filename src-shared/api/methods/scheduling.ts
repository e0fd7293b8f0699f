/** Scheduling methods: provider availability and consultation booking. */
import { z } from 'zod';
import { expectedVersion, method } from '../method';
import { idSchema } from '../schemas/common';
import {
  addExceptionInput,
  addExceptionOutput,
  availabilityListInput,
  availabilityListOutput,
  bookConsultationInput,
  cancelConsultationInput,
  recordAttendanceInput,
  consultationSchema,
  freeSlotsInput,
  freeSlotsOutput,
  providerAvailabilitySchema,
  setWeeklyInput,
} from '../schemas/scheduling';

export const schedulingMethods = {
  /** Weekly hours of the consulting providers (or one) and the exceptions still to come. */
  'availability.list': method({ input: availabilityListInput, output: availabilityListOutput, permission: 'schedule.read' }),
  /** Replace one provider's weekly hours with the list sent (an empty list clears them). */
  'availability.setWeekly': method({
    input: setWeeklyInput,
    output: providerAvailabilitySchema,
    permission: 'schedule.write',
    changes: 'schedule.changed',
  }),
  /** Leave, a meeting, or (staffId null) a day the whole clinic is closed. */
  'availability.addException': method({
    input: addExceptionInput,
    output: addExceptionOutput,
    permission: 'schedule.write',
    changes: 'schedule.changed',
  }),
  'availability.removeException': method({
    input: z.object({ id: idSchema, expectedVersion }),
    output: z.object({ id: idSchema }),
    permission: 'schedule.write',
    changes: 'schedule.changed',
  }),
  /** The next free initial-consultation slots, earliest first. */
  'consultations.freeSlots': method({ input: freeSlotsInput, output: freeSlotsOutput, permission: 'schedule.read' }),
  /** Book a consultation; the time is checked again as it is saved. */
  'consultations.book': method({
    input: bookConsultationInput,
    output: consultationSchema,
    permission: 'schedule.write',
    changes: 'schedule.changed',
  }),
  /** A patient's consultations, every status, earliest first. */
  'consultations.listForPatient': method({
    input: z.object({ patientId: idSchema }),
    output: z.array(consultationSchema),
    permission: 'schedule.read',
  }),
  'consultations.cancel': method({
    input: cancelConsultationInput,
    output: consultationSchema,
    permission: 'schedule.write',
    changes: 'schedule.changed',
  }),
  /**
   * Record that a booked consultation was held (it then clears the patient for infusions and
   * counts as the consultation a payer asks for) or that the patient did not attend. Only once
   * it has begun.
   */
  'consultations.recordAttendance': method({
    input: recordAttendanceInput,
    output: consultationSchema,
    permission: 'schedule.write',
    changes: 'schedule.changed',
  }),
};
