// Layout: the results with the filters open and "My list" fit a 360 px phone and a 1280 px desktop
// without sideways scrolling. The run saves a screenshot of each view at each width in
// test-results/screenshots/ for checking by eye.
import { test, expect } from './fixtures.js';

const shot = (name) => `test-results/screenshots/${name}.png`;

for (const width of [360, 1280]) {
  test(`results with filters and My list fit ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/');
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await page.getByLabel('Describe your situation in your own words').fill('I lost my job and have debts');
    await expect(page.locator('.service-card').first()).toBeVisible();
    await page.getByRole('button', { name: 'Filters', exact: true }).click();
    await page.getByRole('group', { name: 'Nationwide services' }).getByLabel('Only nationwide services').check();
    const first = page.locator('.service-card').first();
    await first.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: 'Yes, keep them on this device' }).click();
    await page.locator('.service-card').nth(1).getByRole('button', { name: 'Useful', exact: true }).click();
    const noSideways = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    expect(await noSideways(), 'results fit the width').toBe(true);
    await page.locator('#results').scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot(`results-filters-${width}`), fullPage: width > 360 });
    if (width === 360) {
      await page.locator('#results').screenshot({ path: shot(`results-filters-${width}-section`) });
    }

    await page.getByRole('button', { name: 'My list (1)' }).click();
    await expect(page.locator('.saved-service')).toHaveCount(1);
    expect(await noSideways(), 'My list fits the width').toBe(true);
    await page.screenshot({ path: shot(`my-list-${width}`), fullPage: true });
  });
}
