/**
 * Schema of resources/reminders/templates.json: the reminder templates and reminder settings
 * a new clinic starts with. The same field rules as the API (placeholders must be known, an
 * e-mail needs a subject), plus a source note for every piece of clinical wording.
 */
import { z } from 'zod';
import { reminderSettingsFields, reminderTemplateObject, subjectProblem } from '../../../../src-shared/api/schemas/reminders';

export const reminderTemplateEntrySchema = reminderTemplateObject
  .extend({
    key: z.string().min(1),
    source: z.string().min(1),
  })
  .superRefine((t, ctx) => {
    const problem = subjectProblem(t);
    if (problem) ctx.addIssue({ code: 'custom', path: ['subject'], message: problem });
  });

export const reminderDefaultsFileSchema = z.object({
  version: z.literal(1),
  note: z.string().optional(),
  settings: reminderSettingsFields.extend({ source: z.string().min(1) }),
  templates: z
    .array(reminderTemplateEntrySchema)
    .min(1)
    .refine((list) => new Set(list.map((t) => t.key)).size === list.length, { message: 'Two templates share a key.' }),
});

export type ReminderDefaultsFile = z.infer<typeof reminderDefaultsFileSchema>;
