// On-device personalisation: saving, hiding and rating a service work at once, but nothing is stored
// until the citizen agrees. With consent the saved ids are in localStorage (aurora.personal.*), "My list"
// shows them with their contact details, the checklist and all personal data download as files made on
// the device, and "Erase everything I saved" leaves only the accepted catalogue version behind.
import fs from 'node:fs';
import { test, expect, expectRequestsLeakNothing } from './fixtures.js';

const storedKeys = (page) => page.evaluate(() => Object.keys(localStorage).sort());

test('marks stay in memory until consent, are stored after it, and erase leaves nothing', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await page.getByLabel('Describe your situation in your own words').fill('debt counselling');
  await expect(page.locator('.service-card').nth(1)).toBeVisible();
  // Marks re-rank the answer (the engine learns from them), so cards are found by their service id.
  const card = (id) => page.locator(`.service-card[data-service-id="${id}"]`);
  const [firstId, secondId] = await page.locator('.service-card').evaluateAll(
    (cards) => cards.slice(0, 2).map((c) => c.dataset.serviceId));
  const first = card(firstId);
  const second = card(secondId);
  const firstName = await first.locator('h3').textContent();

  // The first mark asks; the choice already shows, nothing is stored.
  const save = first.getByRole('button', { name: 'Save' });
  await expect(save).toHaveAttribute('aria-pressed', 'false');
  await save.click();
  await expect(save).toHaveAttribute('aria-pressed', 'true');
  const consent = page.getByRole('region', { name: 'Keep your choices on this device?' });
  await expect(consent).toContainText('Nothing is sent anywhere');
  await expect(page.locator('#consent-heading')).toBeFocused();
  expect(await storedKeys(page)).toEqual(['aurora.accepted-catalogue-version']);

  // "Only for this visit": still nothing stored, and the question does not come back.
  await consent.getByRole('button', { name: 'No, only for this visit' }).click();
  await expect(consent).toHaveCount(0);
  await second.getByRole('button', { name: 'Useful', exact: true }).click();
  await expect(second.getByRole('button', { name: 'Useful', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(consent).toHaveCount(0);
  expect(await storedKeys(page)).toEqual(['aurora.accepted-catalogue-version']);
  // The engine learns from the marks on the device, and says where it moved a service.
  await expect(page.locator('.why li', { hasText: 'Moved up: similar to services you liked' }).first()).toBeVisible();

  // Hiding a service takes it out of the results, with an undo.
  const secondName = await second.locator('h3').textContent();
  await second.getByRole('button', { name: 'Hide' }).click();
  await expect(second).toHaveCount(0);
  await expect(page.locator('.just-hidden')).toContainText(`“${secondName}” is hidden.`);
  await expect(page.getByRole('button', { name: 'Undo' })).toBeFocused();
  expect(await storedKeys(page)).toEqual(['aurora.accepted-catalogue-version']);

  // My list: in memory only so far; agreeing there stores everything.
  await page.getByRole('button', { name: 'My list (1)' }).click();
  const list = page.locator('.my-list');
  await expect(page.getByRole('heading', { name: 'My list', exact: true })).toBeFocused();
  await expect(list).toContainText('Your choices are not stored');
  await expect(list.locator(`.saved-service[data-service-id="${firstId}"] h4`)).toHaveText(firstName);
  await list.getByRole('button', { name: 'Keep my choices on this device' }).click();
  await expect(list).toContainText('Your choices are kept in this browser on this device');
  expect(await storedKeys(page)).toEqual([
    'aurora.accepted-catalogue-version', 'aurora.personal.consent', 'aurora.personal.dismissed',
    'aurora.personal.feedback', 'aurora.personal.saved',
  ]);
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('aurora.personal.saved')));
  expect(stored).toEqual([firstId]);
  expect(await page.evaluate(() => JSON.parse(localStorage.getItem('aurora.personal.dismissed')))).toEqual([secondId]);

  // The checklist and the whole personal data download as files made on this device.
  const [checklist] = await Promise.all([
    page.waitForEvent('download'),
    list.getByRole('button', { name: 'Download as a checklist (.txt)' }).click(),
  ]);
  expect(checklist.suggestedFilename()).toMatch(/^aurora-my-list-\d{4}-\d{2}-\d{2}\.txt$/);
  expect(fs.readFileSync(await checklist.path(), 'utf8')).toContain(`[ ] ${firstName}`);
  const [exported] = await Promise.all([
    page.waitForEvent('download'),
    list.getByRole('button', { name: 'Download all my data (JSON)' }).click(),
  ]);
  expect(exported.suggestedFilename()).toMatch(/^aurora-personal-data-\d{4}-\d{2}-\d{2}\.json$/);
  const data = JSON.parse(fs.readFileSync(await exported.path(), 'utf8'));
  expect(data.saved).toEqual([{ id: firstId, name: firstName }]);
  expect(data.dismissed.map((entry) => entry.id)).toEqual([secondId]);
  expect(data.feedback[0]).toMatchObject({ feedback: 'up' });
  expect(data.stored_on_this_device).toBe(true);

  // A reload keeps the marks (they were agreed to).
  await page.reload();
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await expect(page.getByRole('button', { name: 'My list (1)' })).toBeVisible();

  // One button erases everything, consent included.
  await page.getByRole('button', { name: 'My list (1)' }).click();
  await page.getByRole('button', { name: 'Erase everything I saved' }).click();
  await expect(page.locator('.erase-status')).toHaveText('Everything you saved has been erased from this device.');
  await expect(page.getByRole('button', { name: 'My list (0)' })).toBeVisible();
  expect(await storedKeys(page)).toEqual(['aurora.accepted-catalogue-version']);
  expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  expectRequestsLeakNothing(page, [firstId, secondId, 'debt']);
});

test('a thumb on a card asks for consent, and yes stores the feedback', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'suomi', exact: true }).click();
  await page.getByLabel('Kuvaile tilannettasi omin sanoin').fill('velkaneuvonta');
  const first = page.locator('.service-card').first();
  const id = await first.getAttribute('data-service-id');
  await first.getByRole('button', { name: 'Ei hyödyllinen' }).click();
  const consent = page.getByRole('region', { name: 'Säilytetäänkö valintasi tällä laitteella?' });
  await consent.getByRole('button', { name: 'Kyllä, säilytä ne tällä laitteella' }).click();
  await expect(page.locator('#results')).toBeFocused();
  const feedback = await page.evaluate(() => JSON.parse(localStorage.getItem('aurora.personal.feedback')));
  expect(feedback).toEqual({ [id]: 'down' });
});
