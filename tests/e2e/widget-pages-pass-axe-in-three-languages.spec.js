// Accessibility of the widget pages: axe-core finds no WCAG 2.1 A/AA violations on "For municipalities" (with
// its live preview frame) and in the widget frame with results, in Finnish, Swedish and English.
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './fixtures.js';
import { startWidget } from './widget-helpers.js';

const LANGUAGES = [
  { lang: 'fi', button: 'suomi', heading: 'Aurora kunnille' },
  { lang: 'sv', button: 'svenska', heading: 'Aurora för kommuner' },
  { lang: 'en', button: 'English', heading: 'Aurora for municipalities' },
];

async function expectNoViolations(page, view) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on ${view}`).toEqual([]);
}

for (const { lang, button, heading } of LANGUAGES) {
  test(`the municipalities page and the widget frame have no axe violations (${lang})`, async ({ page }) => {
    await page.goto('/municipalities.html');
    await page.getByRole('button', { name: button, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await page.locator('#w-lang').selectOption(lang);
    await page.locator('#w-municipality').selectOption('564');
    await page.locator('#w-height-fixed').check();
    await expect(page.locator('#w-height-px')).toBeVisible();
    // The preview is the real widget, so it loads once scrolled into view.
    await page.locator('.widget-preview').scrollIntoViewIfNeeded();
    await startWidget(page.frameLocator('.widget-preview iframe'));
    await expect(page.frameLocator('.widget-preview iframe').locator('.tile').first()).toBeVisible();
    await expectNoViolations(page, 'municipalities page');

    await page.goto(`/embed.html#lang=${lang}&municipality=564&event=KE8&accent=%238a1538&font=verdana&radius=0`);
    await expectNoViolations(page, 'widget frame before the catalogue');
    await startWidget(page);
    await expect(page.locator('.service-card').first()).toBeVisible();
    await expectNoViolations(page, 'widget frame');
  });
}
