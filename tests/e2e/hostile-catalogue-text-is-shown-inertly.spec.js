// Catalogue text is untrusted: a validly signed catalogue whose services carry <script>, <img onerror>,
// <svg onload>, a javascript: link, bidi overrides, a control character and a 100 KB summary is shown
// as plain text. Nothing runs (the fixture also fails on any console error or CSP violation).
import { test, expect } from './fixtures.js';

test('hostile names and summaries are rendered as text and nothing runs', async ({ page }) => {
  await page.goto(process.env.AURORA_HOSTILE_URL);
  await page.getByRole('button', { name: 'suomi', exact: true }).click();
  await page.getByLabel('Kuvaile tilannettasi omin sanoin').fill('pwned kirjasto');
  const hostile = page.locator('.service-card[data-service-id^="hostile:"]');
  await expect(hostile.first()).toBeVisible();

  const script = page.locator('.service-card[data-service-id="hostile:script"]');
  await expect(script.locator('h3')).toContainText("<script>window.__pwned = 'script'</script> Kirjasto");
  await expect(script.locator('.summary')).toContainText('<a href="javascript:');
  const img = page.locator('.service-card[data-service-id="hostile:img"]');
  await expect(img.locator('h3')).toContainText('<img src=x onerror=');

  // No markup from the catalogue became elements, and no handler ran.
  expect(await page.locator('.service-card script, .service-card img, .service-card svg').count()).toBe(0);
  expect(await page.locator('.service-card a[href^="javascript:"]').count()).toBe(0);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();

  // The 100 KB summary is there as text, and the page still answers.
  await page.getByLabel('Kuvaile tilannettasi omin sanoin').fill('kirjasto pitkä teksti');
  const long = page.locator('.service-card[data-service-id="hostile:long"] .summary');
  await expect(long).toBeVisible();
  expect((await long.textContent()).length).toBeGreaterThan(100_000);
});
