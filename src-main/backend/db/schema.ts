/** Every table of the desktop store, gathered for drizzle and drizzle-kit. */
export * from '../sync/schema';
export * from '../clinic/schema';
export * from '../users/schema';
export * from '../patients/schema';
export * from '../intake/schema';
export * from '../outcomes/schema';
export * from '../documents/schema';
export * from '../scheduling/schema';
export * from '../series/schema';
export * from '../authorizations/schema';
export * from '../reminders/schema';
export * from '../records/schema';
export * from '../audit/schema';
