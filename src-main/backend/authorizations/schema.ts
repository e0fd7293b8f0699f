/**
 * Prior authorizations: the series gate (payer, number, status, approved sessions, dates) and
 * the request workflow around it (what was asked for, for which dates of service, by whom,
 * through which route; the decision; denial, peer-to-peer, appeal and external review, with
 * their deadlines worked out from the payer's rule set and kept on the row so work lists are
 * plain queries). Sessions used are counted from sessions given, never stored as a counter.
 *
 * authorization_events is the append-only history of every status change (who, when, the
 * reference number the payer gave); authorization_letters holds the package and letters, a
 * draft while it is edited and, once final, the filed document it became (never changed).
 * payer_rule_sets holds the clinic's confirmed copy of a payer template from resources/.
 * letter_templates holds the clinic's own wording of the letter templates (Settings).
 */
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { payers, staff } from '../clinic/schema';
import { syncedColumns } from '../db/columns';
import { documents } from '../documents/schema';
import { patients } from '../patients/schema';

/** One requested service line: code, code system and units per session. */
export interface ServiceLine {
  code: string;
  system: 'CPT' | 'HCPCS';
  unitsPerSession: number;
  description?: string;
}

export const authorizations = sqliteTable(
  'authorizations',
  {
    ...syncedColumns,
    patientId: text('patient_id')
      .notNull()
      .references(() => patients.id),
    payerId: text('payer_id').references(() => payers.id),
    authNumber: text('auth_number'),
    /**
     * draft | ready | submitted | pending | approved | partially_approved | denied |
     * p2p_requested | p2p_scheduled | p2p_done | appealed | external_review | closed |
     * expired | cancelled | needs_review (an imported response that could not be read as a
     * decision)
     */
    status: text('status').notNull(),
    approvedSessions: integer('approved_sessions'),
    /** Calendar dates the approval covers, inclusive. */
    startDate: text('start_date'),
    endDate: text('end_date'),
    cptCodes: text('cpt_codes', { mode: 'json' }).$type<string[]>(),
    icd10Codes: text('icd10_codes', { mode: 'json' }).$type<string[]>(),
    decisionDate: text('decision_date'),
    denialReason: text('denial_reason'),
    note: text('note'),

    // The request (what the clinic asks the payer for).
    /** Member and group id as sent (copied from the coverage when the request is made). */
    memberId: text('member_id'),
    groupNumber: text('group_number'),
    coverageId: text('coverage_id'),
    /** payer_rule_sets.key the request is checked against (the payer's own, else 'other'). */
    ruleSetKey: text('rule_set_key'),
    /** The intake's DIAGNOSIS_GROUPS (crps, fibromyalgia, neuropathic, ...): which evidence list applies. */
    diagnosisGroup: text('diagnosis_group'),
    /** The series template the request is for (sessions and dates of service follow it). */
    templateId: text('template_id'),
    requestedSessions: integer('requested_sessions'),
    /** Dates of service asked for, inclusive (the whole series). */
    requestedStartDate: text('requested_start_date'),
    requestedEndDate: text('requested_end_date'),
    serviceLines: text('service_lines', { mode: 'json' }).$type<ServiceLine[]>(),
    orderingProviderId: text('ordering_provider_id').references(() => staff.id),
    /** portal | fax | electronic | phone | mail */
    submissionRoute: text('submission_route'),
    /** The payer's case or tracking number (before an authorization number exists). */
    referenceNumber: text('reference_number'),
    expedited: integer('expedited', { mode: 'boolean' }).notNull().default(false),
    /** A renewal: the earlier authorization whose series' response the letter reports. */
    renewalOfId: text('renewal_of_id'),

    // The decision and what follows it. Instants are ms since the epoch; dates are clinic-local.
    submittedAt: integer('submitted_at'),
    decisionDueAt: integer('decision_due_at'),
    denialDate: text('denial_date'),
    denialCode: text('denial_code'),
    /** The plan's policy the denial cites (reports group denials by it). */
    denialPolicy: text('denial_policy'),
    p2pDueDate: text('p2p_due_date'),
    p2pScheduledAt: integer('p2p_scheduled_at'),
    appealDueDate: text('appeal_due_date'),
    appealFiledDate: text('appeal_filed_date'),
    finalDenialDate: text('final_denial_date'),
    externalReviewDueDate: text('external_review_due_date'),
    closedReason: text('closed_reason'),
  },
  (t) => [index('authorizations_patient').on(t.patientId), index('authorizations_status').on(t.status)],
);

/** Append-only: one row per status change or recorded step; never updated or deleted. */
export const authorizationEvents = sqliteTable(
  'authorization_events',
  {
    ...syncedColumns,
    authorizationId: text('authorization_id')
      .notNull()
      .references(() => authorizations.id),
    at: integer('at').notNull(),
    /** users.id of the person who made the change (null for imports run by the system). */
    byUserId: text('by_user_id'),
    /** Their name as it was then, for the history's words. */
    byName: text('by_name'),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    /** A reference the payer gave with this step (case number, call reference). */
    referenceNumber: text('reference_number'),
    note: text('note'),
    /** What else the step recorded (decision dates, units, denial code), as JSON. */
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (t) => [index('authorization_events_auth').on(t.authorizationId, t.at)],
);

/**
 * The request package and letters. A draft's sections are edited in place; `final` rows point
 * at the filed PDF in documents and are never changed again (a new draft is a new row).
 */
export const authorizationLetters = sqliteTable(
  'authorization_letters',
  {
    ...syncedColumns,
    authorizationId: text('authorization_id')
      .notNull()
      .references(() => authorizations.id),
    /** package | p2p_request | patient_appeal | provider_appeal */
    kind: text('kind').notNull(),
    /** draft | final */
    state: text('state').notNull(),
    /** The editable content: sections of text and the chosen enclosures, as JSON. */
    content: text('content', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    documentId: text('document_id').references(() => documents.id),
    finalizedAt: integer('finalized_at'),
    finalizedBy: text('finalized_by'),
  },
  (t) => [index('authorization_letters_auth').on(t.authorizationId)],
);

/**
 * A payer rule set as the clinic confirmed it: a copy of a template from
 * resources/authorizations/payer-rules.json (key, policy, evidence per diagnosis group, codes,
 * route, clocks), edited in Settings. Absent: the template applies, labelled unconfirmed.
 */
export const payerRuleSets = sqliteTable(
  'payer_rule_sets',
  {
    ...syncedColumns,
    key: text('key').notNull(),
    name: text('name').notNull(),
    rules: text('rules', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    confirmedAt: integer('confirmed_at'),
    confirmedBy: text('confirmed_by'),
  },
  (t) => [uniqueIndex('payer_rule_sets_key').on(t.key)],
);

/**
 * The clinic's own wording of a letter template (Settings → Letter templates): one row per
 * letter kind, its id stable from the kind (db/stable-id.ts) so two computers that save the
 * same kind while apart write one row, merged field by field. `sections` holds the clinic's
 * text per section key; null means "back to the built-in template" (reset keeps the row, so a
 * later save on another computer still lands on it). Letters copy the text when drafted, so a
 * change here never reaches a letter already written.
 */
export const clinicLetterTemplates = sqliteTable(
  'letter_templates',
  {
    ...syncedColumns,
    kind: text('kind').notNull(),
    sections: text('sections', { mode: 'json' }).$type<{ key: string; text: string }[]>(),
    savedAt: integer('saved_at'),
    savedBy: text('saved_by'),
  },
  (t) => [uniqueIndex('letter_templates_kind').on(t.kind)],
);
