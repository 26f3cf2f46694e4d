// A keyboard-only citizen goes from the start page to a real service's phone number and this week's
// opening hours: Tab to the text box, type, Tab on to the service's phone link. Nettilukio (PTV service
// 3668d250-…, imported from the PTV open API with its Otavan Opisto service location) is the real
// service in the demo catalogue that carries a phone, an address and opening hours.
import { test, expect } from './fixtures.js';

async function tabUntil(page, predicate, limit) {
  for (let step = 0; step < limit; step += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(predicate)) return;
  }
  throw new Error(`focus never reached the target in ${limit} Tab presses`);
}

for (const { lang, button, today } of [
  { lang: 'fi', button: 'suomi', today: 'tänään' },
  { lang: 'en', button: 'English', today: 'today' },
]) {
  test(`keyboard only: from the start to a phone number and opening hours (${lang})`, async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: button, exact: true }).click();
    // A keyboard user, too, starts once the catalogue has loaded; tabbing through a page that is
    // still loading only measures how fast the presses come.
    await expect(page.locator('#situation')).toBeVisible();
    await page.locator('body').focus();
    await tabUntil(page, () => document.activeElement?.id === 'situation', 80);
    await page.keyboard.type('nettilukio aikuisille');
    await expect(page.locator('.service-card').first()).toBeVisible();
    await tabUntil(page, () => document.activeElement?.getAttribute('href')?.startsWith('tel:'), 200);
    const phone = page.locator(':focus');
    await expect(phone).toHaveAttribute('href', /^tel:\+358\d+$/);
    // The focus is visible: the focused link has an outline.
    const outline = await phone.evaluate((element) => getComputedStyle(element).outlineStyle);
    expect(outline).not.toBe('none');
    const card = page.locator('.service-card', { has: phone });
    await expect(card.locator('.opening-hours table tr')).toHaveCount(7);
    await expect(card.locator('.opening-hours tr.today')).toContainText(today);
    await expect(card.locator('.opening-hours')).toContainText('08:00–16:00');
  });
}
