import { test, expect, expectRequestsLeakNothing } from './fixtures.js';

test('a Finnish situation shows a real PTV service, with the reason it matched', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'suomi' }).click();
  const text = 'kirjasto';
  await page.getByLabel('Kuvaile tilannettasi omin sanoin').fill(text);
  // "Kirjastopalvelut" (PTV general description 'Kirjastopalvelut', national).
  const cards = page.locator('.service-card');
  await expect(cards.first()).toBeVisible();
  await expect(page.locator('.service-card h3').first()).toContainText(/kirjasto/i);
  await expect(cards.first().locator('.why')).toContainText('kirjasto');
  expectRequestsLeakNothing(page, [text]);
});
