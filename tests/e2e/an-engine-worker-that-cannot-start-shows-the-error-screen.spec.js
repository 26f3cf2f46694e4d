// The engine runs in a Web Worker. If it cannot start (here its script is missing, as when a browser or
// a proxy blocks it), the app says so in plain words instead of showing "loading" for ever.
import { test, expect } from './fixtures.js';

test('an engine worker that cannot start shows the error screen', async ({ page }) => {
  page.allowConsoleErrors();
  await page.clock.install();
  await page.route('**/engine-worker.js', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto('/');
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await expect(page.locator('.status')).toBeVisible();
  await page.clock.fastForward('00:21');
  const error = page.getByRole('alert');
  await expect(error).toHaveAttribute('data-error-kind', 'EngineUnavailable');
  await expect(error).toContainText('Aurora could not start in this browser');
  await expect(page.locator('.service-card')).toHaveCount(0);
});
