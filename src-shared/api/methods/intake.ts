/** Intake methods: diagnoses, Budapest criteria, prior treatments, medications, screening, baseline scores. */
export const intakeMethods = {};
