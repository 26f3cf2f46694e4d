// Offline: after a first visit the service worker keeps the app and the verified catalogue, so with the
// network cut the page still loads, verifies the saved catalogue as usual and answers a query, and says
// that it is using the saved catalogue.
import { test, expect } from './fixtures.js';

test('a second visit with the network cut still answers', async ({ page, context }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await expect(page.locator('.tile').first()).toBeVisible();
  // The service worker is installed once the catalogue is verified, and ready once everything is saved.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect(page.locator('.offline-note')).toHaveCount(0);

  await context.setOffline(true);
  // The network is cut for the service worker too: from inside it, nothing can be fetched.
  const [worker] = context.serviceWorkers();
  const probe = () => worker.evaluate(() => fetch('no-such-file.txt').then((r) => r.status, () => 'failed'));
  expect(await probe()).toBe('failed');
  await page.reload();
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await expect(page.locator('.catalogue-info')).toContainText(/Service catalogue version \d+, published \d{4}-\d{2}-\d{2}/);
  await expect(page.locator('.offline-note')).toHaveText('You are offline. Aurora is using the service catalogue saved on this device.');
  await page.getByLabel('Describe your situation in your own words').fill('debt counselling');
  await expect(page.locator('.service-card').first()).toBeVisible();
  await expect(page.locator('.service-card h3').first()).toContainText(/debt/i);

  // Back online, the note goes away, and the service worker reaches the network again (the browser tells
  // the page and the service worker separately, so the probe may need a moment).
  await context.setOffline(false);
  await expect(page.locator('.offline-note')).toHaveCount(0);
  await expect.poll(probe).toBe(404);
});

test('a first visit whose catalogue cannot be downloaded shows the plain network error', async ({ page }) => {
  page.allowConsoleErrors();
  // The page itself arrives, the catalogue does not (as when the connection drops during a first visit).
  await page.route('**/catalogue/**', (route) => route.abort('internetdisconnected'));
  await page.goto('/');
  await page.getByRole('button', { name: 'English', exact: true }).click();
  const error = page.getByRole('alert');
  await expect(error).toHaveAttribute('data-error-kind', 'Network');
  await expect(error).toContainText('The service catalogue could not be loaded');
  await expect(page.locator('.service-card')).toHaveCount(0);
  // No catalogue was verified, so no service worker was registered.
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);
});
