import { deniedRequest, isoDaysAgo } from './denied-request';
import { expect, openApp, test, uniqueSurname } from './fixtures';

/**
 * The request page's Letters and Electronic request sections, and the workspace's due list, in
 * the browser: a denied request gets a peer-to-peer request (refused with one call window, then
 * written, copied and finalized: the status follows), a patient appeal filed on the date it was
 * actually filed, the payer's approval read from a ClaimResponse file (twice: nothing changes),
 * and the due list filtered by payer.
 */

const PAS = 'http://hl7.org/fhir/us/davinci-pas/StructureDefinition';
const mmddyyyy = (d: string) => `${d.slice(5, 7)}/${d.slice(8, 10)}/${d.slice(0, 4)}`;


test.describe('Authorization letters, electronic request and due list', () => {
  test('letters after a denial, the payer response file, and the due list', async ({ page, context }) => {
    test.setTimeout(180_000);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const surname = uniqueSurname('Letters');
    const { payer, auth } = await deniedRequest(page, surname);
    await page.setViewportSize({ width: 1280, height: 900 });
    await openApp(page, `/authorizations/${auth.id}`);
    await expect(page.getByTestId('request-status')).toContainText('Denied');

    const letters = page.getByRole('region', { name: 'Letters', exact: true });
    await letters.getByRole('button', { name: 'Write peer-to-peer request' }).click();
    const form = letters.getByRole('form', { name: 'Write peer-to-peer request' });
    await form.getByLabel('Call window 1').fill('Mon 8:00–10:00 AM');
    await form.getByRole('button', { name: 'Write the draft' }).click();
    // One window is not enough: refused in words, nothing written.
    await expect(form).toContainText('Only one call window was given');
    await expect(letters.getByTestId('letter')).toHaveCount(0);
    await form.getByLabel('Call window 2').fill('Tue 1:00–3:00 PM <b>“late”</b>');
    await form.getByLabel('Call-back number').fill('512-555-0100');
    await form.getByRole('button', { name: 'Write the draft' }).click();
    const p2p = letters.getByTestId('letter').first();
    await expect(p2p).toContainText('Peer-to-peer request');
    await expect(p2p).toContainText('Draft');

    await p2p.getByRole('button', { name: 'Copy as plain text' }).click();
    await expect(p2p).toContainText('Copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('CM-55821');
    expect(copied).toContain('Tue 1:00–3:00 PM <b>“late”</b>');

    const download = page.waitForEvent('download');
    await p2p.getByRole('button', { name: 'Preview PDF' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.pdf$/);

    await p2p.getByRole('button', { name: 'Finalize and file…' }).click();
    await p2p.getByRole('button', { name: 'Finalize and file as a document' }).click();
    await expect(page.getByTestId('request-status')).toContainText('Peer-to-peer asked for', { timeout: 15_000 });
    await expect(letters.getByTestId('letter').first()).toContainText('Final · filed');
    await page.screenshot({ path: '/tmp/L-letters-p2p.png', fullPage: true });

    // The patient's appeal, filed (by the patient) two days before today... here: yesterday.
    await letters.getByRole('button', { name: 'Write patient appeal letter' }).click();
    await letters.getByRole('form', { name: 'Write patient appeal letter' }).getByRole('button', { name: 'Write the draft' }).click();
    const appeal = letters.getByTestId('letter').filter({ hasText: 'Patient appeal letter' }).first();
    await expect(appeal).toContainText('Draft');
    await appeal.getByRole('button', { name: 'Finalize and file…' }).click();
    await appeal.getByLabel('Date the patient filed the appeal').fill(mmddyyyy(isoDaysAgo(0)));
    await appeal.getByRole('button', { name: 'Finalize and file as a document' }).click();
    await expect(page.getByTestId('request-status')).toContainText('Appealed', { timeout: 15_000 });
    await expect(page.getByRole('region', { name: 'History' })).toContainText('Appealed');

    // The payer's answer as a ClaimResponse file: approved (A1), then the same file again changes nothing.
    const start = isoDaysAgo(-10);
    const end = isoDaysAgo(-60);
    const response = {
      resourceType: 'ClaimResponse',
      identifier: [{ system: 'urn:infusion-desk:pas-request', value: auth.id }],
      status: 'active',
      use: 'preauthorization',
      created: new Date().toISOString(),
      outcome: 'complete',
      request: { identifier: { system: 'urn:infusion-desk:pas-request', value: auth.id } },
      item: [
        {
          itemSequence: 1,
          extension: [
            { url: `${PAS}/extension-itemPreAuthPeriod`, valuePeriod: { start, end } },
            { url: `${PAS}/extension-itemAuthorizedDetail`, extension: [{ url: 'quantity', valueQuantity: { value: 6 } }] },
          ],
          adjudication: [
            {
              category: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/adjudication', code: 'submitted' }] },
              extension: [
                {
                  url: `${PAS}/extension-reviewAction`,
                  extension: [
                    { url: `${PAS}/extension-reviewActionCode`, valueCodeableConcept: { coding: [{ system: 'https://codesystem.x12.org/005010/306', code: 'A1' }] } },
                    { url: 'number', valueString: 'PA-77120' },
                  ],
                },
              ],
            },
          ],
        },
      ],
    };
    const pas = page.getByRole('region', { name: 'Electronic request (PAS)' });
    const file = { name: 'response.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(response)) };
    await pas.getByLabel('Payer’s response (ClaimResponse JSON file)').setInputFiles(file);
    await expect(pas.getByTestId('pas-import-result')).toContainText('Recorded: Approved');
    await expect(page.getByTestId('request-status')).toContainText('Approved', { timeout: 15_000 });
    await pas.getByLabel('Payer’s response (ClaimResponse JSON file)').setInputFiles(file);
    await expect(pas.getByTestId('pas-import-result')).toContainText('Nothing changed');
    // Not JSON: refused in words.
    await pas.getByLabel('Payer’s response (ClaimResponse JSON file)').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('not json') });
    await expect(pas.getByRole('alert')).toContainText('notes.json');
    // Approved: no new letter is offered, the filed ones stay readable.
    await expect(letters.getByRole('button', { name: 'Write peer-to-peer request' })).toHaveCount(0);
    await expect(letters.getByTestId('letter')).toHaveCount(2);
    await expect(letters).not.toContainText('Letters are written once');
    await page.screenshot({ path: '/tmp/L-pas.png', fullPage: true });

    // The due list: another denied request of this payer has its peer-to-peer window and appeal due.
    const second = await deniedRequest(page, uniqueSurname('Duelist'));
    await page.goto('/#/authorizations');
    const due = page.getByRole('region', { name: /Due and overdue/ });
    await due.getByLabel('Payer').selectOption({ label: second.payer.name });
    await expect(due.getByTestId('due-row')).toHaveCount(1);
    await expect(due.getByTestId('due-row').first()).toContainText('Peer-to-peer window');
    await page.screenshot({ path: '/tmp/L-due.png', fullPage: false });
    await due.getByLabel('Peer-to-peer window').uncheck();
    await expect(due.getByTestId('due-row')).toHaveCount(0);
    await due.getByLabel('Peer-to-peer window').check();
    await due.getByLabel('Payer').selectOption({ label: payer.name });
    await expect(due.getByTestId('due-row')).toHaveCount(0);
    const report = page.getByRole('region', { name: 'Decisions report' });
    const csv = page.waitForEvent('download');
    await report.getByRole('button', { name: 'Download decisions report (CSV)' }).click();
    expect((await csv).suggestedFilename()).toMatch(/\.csv$/);
    await expect(report).toContainText('Report downloaded');
  });
});
