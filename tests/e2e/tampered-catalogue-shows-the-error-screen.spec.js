import { test, expect } from './fixtures.js';

test('one changed byte in a catalogue file shows the error screen and no results', async ({ page }) => {
  page.allowConsoleErrors();
  await page.goto(process.env.AURORA_TAMPERED_URL);
  await page.getByRole('button', { name: 'English' }).click();
  const error = page.getByRole('alert');
  await expect(error).toContainText('The service catalogue failed its security check');
  await expect(error).toHaveAttribute('data-error-kind', 'Tampered');
  await page.getByText('Show details').click();
  await expect(error).toContainText('does not match its SHA-256');
  await expect(page.locator('.service-card')).toHaveCount(0);
  await expect(page.locator('.tile')).toHaveCount(0);
});
