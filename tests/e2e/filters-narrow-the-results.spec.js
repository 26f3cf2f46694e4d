// Filters: a collapsible "Filters" section narrows the results by service area, nationwide services and
// provider. The engine applies them (the count changes, every card fits), a combination that matches
// nothing says what to loosen, and clearing brings every result back. Labels follow the UI language.
import { test, expect, expectRequestsLeakNothing } from './fixtures.js';

const count = async (page) => parseInt(await page.locator('.result-count').textContent(), 10);

test('filters narrow the results and "no results" offers to clear them', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'English', exact: true }).click();
  const text = 'I lost my job and have debts';
  await page.getByLabel('Describe your situation in your own words').fill(text);
  await expect(page.locator('.service-card').first()).toBeVisible();
  const all = await count(page);

  const toggle = page.getByRole('button', { name: 'Filters', exact: true });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');

  // Service area: the main classes of the code list, in English.
  const areas = page.getByRole('group', { name: 'Service area' });
  await expect(areas.getByRole('checkbox')).toHaveCount(28);
  await areas.getByLabel('Private finance and funding').check();
  await expect(page.getByRole('button', { name: 'Filters (1 on)' })).toBeVisible();
  await expect.poll(() => count(page)).toBeLessThan(all);
  const debtOnly = await count(page);
  expect(debtOnly).toBeGreaterThan(0);
  await expect(page.locator('.service-card h3').first()).toContainText(/debt/i);

  // Nationwide services only: every card says so.
  await page.getByRole('group', { name: 'Nationwide services' }).getByLabel('Only nationwide services').check();
  await expect.poll(() => count(page)).toBeLessThan(debtOnly);
  for (const area of await page.locator('.service-card .area').all()) {
    await expect(area).toHaveText('Nationwide');
  }

  // Private companies only: nothing left, and the message says what to loosen.
  await page.getByRole('group', { name: 'Who provides it' }).getByLabel('Private company').check();
  await expect(page.locator('.service-card')).toHaveCount(0);
  const none = page.locator('.no-results');
  await expect(none).toContainText('No services match your choices.');
  await none.getByRole('button', { name: 'Clear all filters' }).click();
  await expect(page.getByRole('button', { name: 'Filters', exact: true })).toBeVisible();
  await expect.poll(() => count(page)).toBe(all);
  await expect(areas.getByLabel('Private finance and funding')).not.toBeChecked();

  // Folding the section away keeps the choices; the summary names them.
  await areas.getByLabel('Housing').check();
  await page.getByRole('button', { name: 'Filters (1 on)' }).click();
  await expect(page.locator('#filter-options')).toHaveCount(0);
  await expect(page.locator('.filter-summary')).toHaveText('Showing only: Housing');
  expectRequestsLeakNothing(page, ['debts']);
});

for (const { button, label, text, toggle, legend, housing } of [
  { button: 'suomi', label: 'Kuvaile tilannettasi omin sanoin', text: 'velka', toggle: 'Rajaa tuloksia', legend: 'Palvelun aihe', housing: 'Asuminen' },
  { button: 'svenska', label: 'Beskriv din situation med egna ord', text: 'skuld', toggle: 'Avgränsa resultaten', legend: 'Tjänstens område', housing: 'Boende' },
]) {
  test(`filter labels and service areas are in the UI language (${button})`, async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: button, exact: true }).click();
    await page.getByLabel(label).fill(text);
    await expect(page.locator('.service-card').first()).toBeVisible();
    await page.getByRole('button', { name: toggle, exact: true }).click();
    await expect(page.getByRole('group', { name: legend }).getByLabel(housing, { exact: true })).toBeVisible();
  });
}
