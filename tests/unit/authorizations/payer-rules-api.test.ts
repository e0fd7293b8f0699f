/**
 * Settings → Payers, payer rule sets through the API: the clinic's copy saved over the
 * template (checked by the templates' own schema, refusals naming the field in words, nothing
 * changed), a payer pointed at a rule set, the confirmation with the payer (date and who), and
 * an edit withdrawing it. The requests' rule-set lookup (ruleSetFor) reads what was saved.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PayerRuleSet } from '../../../src-shared/domain/authorizations/payer-rules';
import { ruleSetFor } from '../../../src-main/backend/authorizations/rule-sets';
import { stableId } from '../../../src-main/backend/db/stable-id';
import { tempBackend, type TestBackend } from '../../support/temp-backend';

let b: TestBackend;
beforeEach(() => {
  b = tempBackend();
});
afterEach(() => b.dispose());

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('payer rule sets', () => {
  it('lists every shipped template, unconfirmed, with the payers each one serves (chosen or guessed from the name)', async () => {
    const aetna = await b.ok('payers.create', { name: 'Aetna Better Health' });
    await b.ok('payers.create', { name: 'Blue Lake Health' });
    const list = await b.ok('payerRules.list', {});
    expect(list.map((r) => r.key)).toEqual(expect.arrayContaining(['aetna', 'cigna', 'uhc', 'bcbs', 'medicare', 'medicaid', 'other']));
    expect(list.at(-1)!.key).toBe('other');
    const a = list.find((r) => r.key === 'aetna')!;
    expect(a).toMatchObject({ source: 'template', confirmed: false, confirmedOn: null, version: null, policyReference: 'Aetna CPB 0447' });
    expect(a.payers).toEqual([{ payerId: aetna.id, payerName: 'Aetna Better Health', key: 'aetna', how: 'guessed', payerVersion: aetna.version }]);
    expect(list.find((r) => r.key === 'other')!.payers.map((p) => p.payerName)).toEqual(['Blue Lake Health']);
  });

  it('saves the clinic’s copy over the template, and requests read it (deadlines, readiness)', async () => {
    const t = await b.ok('payerRules.get', { key: 'aetna' });
    expect(t).toMatchObject({ source: 'template', version: null, confirmed: false });
    expect(t.template).toEqual(t.rules);
    const edited: PayerRuleSet = clone(t.rules);
    edited.clocks.decisionStandardDays = 10;
    edited.policy.reference = 'Aetna CPB 0447 (2026 revision)';
    edited.codes.drug = [{ code: 'J3499', system: 'HCPCS', unitsPerSession: 2 }];
    const saved = await b.ok('payerRules.save', { key: 'aetna', rules: edited, expectedVersion: null });
    expect(saved).toMatchObject({ source: 'clinic', version: 1, confirmed: false });
    expect(saved.rules.clocks.decisionStandardDays).toBe(10);
    expect(saved.rules.template).toBe(false);
    // One id per key on every computer, so two computers' offline copies merge when they sync.
    expect(b.store.sqlite.prepare(`SELECT id FROM payer_rule_sets WHERE key = 'aetna'`).pluck().get()).toBe(stableId('payer_rule_sets', 'aetna'));
    // The template itself is untouched beside it.
    expect(saved.template!.clocks.decisionStandardDays).toBe(t.rules.clocks.decisionStandardDays);
    const used = ruleSetFor(b.system, 'aetna');
    expect(used).toMatchObject({ source: 'clinic', confirmed: false, version: 1 });
    expect(used.rules.policy.reference).toBe('Aetna CPB 0447 (2026 revision)');
    expect(used.rules.codes.drug[0]!.code).toBe('J3499');
  });

  it('refuses a broken rule set naming each field in words, and changes nothing', async () => {
    const t = await b.ok('payerRules.get', { key: 'aetna' });
    const bad = clone(t.rules);
    bad.clocks.appealDays = 0;
    bad.policy.reference = '';
    (bad.evidence.crps![2] as unknown as { minMonths: unknown }).minMonths = 'three';
    (bad.submission as { route: string }).route = 'pigeon';
    const e = await b.fail('payerRules.save', { key: 'aetna', rules: bad, expectedVersion: null });
    expect(e.code).toBe('VALIDATION');
    const byField = Object.fromEntries(e.issues!.map((i) => [i.field, i.message]));
    expect(byField['rules.clocks.appealDays']).toBe('Clocks → appeal (days) must be at least 1.');
    expect(byField['rules.policy.reference']).toBe('Policy → policy reference must not be empty.');
    expect(byField['rules.evidence.crps.2.minMonths']).toBe('Evidence → crps → “At least 3 months of failed conservative therapy” → months must be a number.');
    expect(byField['rules.submission.route']).toBe('Submission → submission route must be one of: portal, fax, electronic, phone, mail.');
    expect(e.message).toBe('Please correct 4 fields.');
    expect((await b.ok('payerRules.get', { key: 'aetna' })).source).toBe('template');
    expect(b.store.sqlite.prepare('SELECT count(*) FROM payer_rule_sets').pluck().get()).toBe(0);

    const moved = { ...clone(t.rules), key: 'cigna' };
    const e2 = await b.fail('payerRules.save', { key: 'aetna', rules: moved, expectedVersion: null });
    expect(e2).toMatchObject({ code: 'VALIDATION', field: 'rules.key' });
  });

  it('records the confirmation with the payer (date and who), and an edit withdraws it', async () => {
    const admin = await b.signedInAs('admin', 'Nora Admin');
    const t = await b.ok('payerRules.get', { key: 'bcbs' });
    const r = await admin.invoke('payerRules.confirm', { key: 'bcbs', confirmedOn: '2026-11-20', expectedVersion: null });
    expect(r.ok).toBe(true);
    const c = await b.ok('payerRules.get', { key: 'bcbs' });
    expect(c).toMatchObject({ source: 'clinic', confirmed: true, confirmedOn: '2026-11-20', confirmedBy: 'Nora Admin', version: 1 });
    expect(ruleSetFor(b.system, 'bcbs')).toMatchObject({ confirmed: true, confirmedBy: 'Nora Admin' });

    // Saving the same rules again keeps the confirmation; a change withdraws it.
    const same = await b.ok('payerRules.save', { key: 'bcbs', rules: c.rules, expectedVersion: 1 });
    expect(same).toMatchObject({ confirmed: true, version: 1 });
    const changed = clone(c.rules);
    changed.clocks.p2pBusinessDays = c.rules.clocks.p2pBusinessDays + 1;
    const after = await b.ok('payerRules.save', { key: 'bcbs', rules: changed, expectedVersion: 1 });
    expect(after).toMatchObject({ confirmed: false, confirmedOn: null, confirmedBy: null, version: 2 });

    // Someone else's name may be given; the date may not be in the future; a stale version is a conflict.
    const again = await b.ok('payerRules.confirm', { key: 'bcbs', confirmedOn: '2026-11-21', confirmedBy: 'Dana Desk (call ref 55-1)', expectedVersion: 2 });
    expect(again).toMatchObject({ confirmed: true, confirmedOn: '2026-11-21', confirmedBy: 'Dana Desk (call ref 55-1)' });
    const future = await b.fail('payerRules.confirm', { key: 'bcbs', confirmedOn: '2100-01-01', expectedVersion: 3 });
    expect(future).toMatchObject({ code: 'VALIDATION', field: 'confirmedOn', message: 'The date it was confirmed with the payer cannot be in the future.' });
    const stale = await b.fail('payerRules.save', { key: 'bcbs', rules: t.rules, expectedVersion: 1 });
    expect(stale.code).toBe('CONFLICT');
    expect((await b.ok('payerRules.get', { key: 'bcbs' })).confirmedBy).toBe('Dana Desk (call ref 55-1)');
  });

  it('assigns a payer to a rule set (payers.rule_set_key), back to the guess with null, and refuses an unknown one', async () => {
    const p = await b.ok('payers.create', { name: 'Blue Lake Health' });
    expect(p.ruleSetKey).toBeNull();
    const a = await b.ok('payerRules.assign', { payerId: p.id, key: 'medicaid', expectedVersion: p.version });
    expect(a.ruleSetKey).toBe('medicaid');
    expect(ruleSetFor(b.system, p.id).key).toBe('medicaid');
    const list = await b.ok('payerRules.list', {});
    expect(list.find((r) => r.key === 'medicaid')!.payers).toEqual([expect.objectContaining({ payerName: 'Blue Lake Health', how: 'chosen' })]);
    const e = await b.fail('payerRules.assign', { payerId: p.id, key: 'nosuch', expectedVersion: a.version });
    expect(e).toMatchObject({ code: 'VALIDATION', field: 'key', message: 'There is no payer rule set called nosuch. Choose one from the list.' });
    const back = await b.ok('payerRules.assign', { payerId: p.id, key: null, expectedVersion: a.version });
    expect(back.ruleSetKey).toBeNull();
    expect(ruleSetFor(b.system, p.id).key).toBe('other');
  });

  it('is set-up: a front-desk user reads the rule sets but cannot change them', async () => {
    const desk = await b.signedInAs('front_desk');
    expect((await desk.invoke('payerRules.list', {})).ok).toBe(true);
    const r = await desk.invoke('payerRules.confirm', { key: 'aetna', confirmedOn: '2026-11-20', expectedVersion: null });
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
