// Accessibility: axe-core finds no WCAG 2.1 A/AA violations on the start view, the results view, the
// self-assessment, the About page and the error screen, in Finnish, Swedish and English.
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures.js';

const LANGUAGES = [
  { button: 'suomi', label: 'Kuvaile tilannettasi omin sanoin', about: 'Tietoa Aurorasta', text: 'asumistuki', filters: 'Rajaa tuloksia', save: 'Tallenna', list: 'Oma lista (1)' },
  { button: 'svenska', label: 'Beskriv din situation med egna ord', about: 'Om Aurora', text: 'bostadsbidrag', filters: 'Avgränsa resultaten', save: 'Spara', list: 'Min lista (1)' },
  { button: 'English', label: 'Describe your situation in your own words', about: 'About Aurora', text: 'housing allowance', filters: 'Filters', save: 'Save', list: 'My list (1)' },
];

async function expectNoViolations(page, view) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on ${view}`).toEqual([]);
}

for (const { button, label, about, text, filters, save, list } of LANGUAGES) {
  test(`start, results, self-assessment and about views have no axe violations (${button})`, async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: button, exact: true }).click();
    await expect(page.locator('.tile').first()).toBeVisible();
    await expectNoViolations(page, 'start');
    await page.getByLabel(label).fill(text);
    await expect(page.locator('.service-card').first()).toBeVisible();
    await expectNoViolations(page, 'results');
    await page.getByRole('button', { name: filters, exact: true }).click();
    await expectNoViolations(page, 'filters');
    await page.locator('.service-card').first().getByRole('button', { name: save, exact: true }).click();
    await expect(page.locator('.consent-prompt')).toBeVisible();
    await expectNoViolations(page, 'consent question');
    await page.getByRole('button', { name: list }).click();
    await expect(page.locator('.saved-service')).toHaveCount(1);
    await expectNoViolations(page, 'my list');
    await page.getByRole('button', { name: list }).click();
    await page.locator('.meter-panel summary').click();
    await page.locator('#meter-housing').fill('2');
    await expectNoViolations(page, 'self-assessment');
    await page.getByRole('button', { name: about }).click();
    await expectNoViolations(page, 'about');
  });

  test(`the error screen has no axe violations (${button})`, async ({ page }) => {
    page.allowConsoleErrors();
    await page.goto(process.env.AURORA_TAMPERED_URL);
    await page.getByRole('button', { name: button, exact: true }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoViolations(page, 'error screen');
  });
}
