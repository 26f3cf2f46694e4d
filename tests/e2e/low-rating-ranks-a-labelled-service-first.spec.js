import { test, expect } from './fixtures.js';
import { readFileSync } from 'node:fs';

// Services the AuroraAI labellers marked for money matters (finance) only: any of them may come first.
function financeOnlyServiceIds() {
  const lines = readFileSync(new URL('../../data/ptv/services_3x10d_catalogue.json', import.meta.url), 'utf8').split('\n');
  const ids = new Set();
  for (const line of lines) {
    const trimmed = line.trim().replace(/,$/, '');
    if (!trimmed.startsWith('{')) continue;
    const row = JSON.parse(trimmed);
    if (row.labels && row.excluded !== true && row.labels.finance === 1) ids.add(row.id);
  }
  return ids;
}

test('a low rating on money matters ranks a service labelled for finance first', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByText('Self-assessment of ten life areas').click();
  const slider = page.getByLabel('Finance', { exact: true });
  await slider.fill('1');
  await expect(page.locator('#meter-finance + output')).toHaveText('1/10');
  const first = page.locator('.service-card').first();
  await expect(first).toBeVisible();
  const id = await first.getAttribute('data-service-id');
  expect(financeOnlyServiceIds().has(id), `first result ${id} is labelled for finance`).toBe(true);
  await expect(first.locator('.why')).toContainText('You rated finance 1/10');
});
