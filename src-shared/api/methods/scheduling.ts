/** Scheduling methods: provider availability and consultation booking. */
export const schedulingMethods = {};
