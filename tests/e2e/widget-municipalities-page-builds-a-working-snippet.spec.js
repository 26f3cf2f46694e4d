// "For municipalities": the citizen app links to it; choosing municipality, language, life event and theme
// updates the live preview (the real widget through widget.js) and the snippet; a colour too light to read
// is refused with a note; the snippet pasted into a blank page on another origin, under the strict host CSP,
// works there (as a municipality's web editor would try it).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures.js';
import { AURORA, HOST, STRICT_HOST_CSP, installProbes, expectNoCspViolations, expectHeightSettled, startWidget } from './widget-helpers.js';

test('the citizen app links to the page for municipalities', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await page.getByRole('link', { name: 'For municipalities' }).click();
  await expect(page).toHaveURL(/\/municipalities\.html$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});

test('choices update the preview and the snippet, and the snippet works pasted into a page on another origin', async ({ page }) => {
  await page.goto('/municipalities.html');
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aurora for municipalities');
  await page.getByLabel('Municipality').selectOption('564');
  await page.locator('#w-lang').selectOption('sv');
  await page.getByLabel('Life event chosen in advance').selectOption('KE8');
  await page.getByLabel('Accent colour').fill('#8a1538');
  await page.getByLabel('Font').selectOption('serif');
  const snippet = page.getByLabel('Paste this into your page');
  const expected = '<div data-aurora data-municipality="564" data-lang="sv" data-life-event="KE8" data-accent="#8a1538" '
    + `data-font="serif" data-height="auto"></div>\n<script src="${AURORA}/widget.js" defer></script>`;
  await expect(snippet).toHaveValue(expected);
  await expect(page.getByLabel('Iframe code without a script')).toHaveValue(
    new RegExp(`^<iframe src="${AURORA}/embed\\.html#lang=sv&amp;municipality=564&amp;event=KE8&amp;accent=%238a1538&amp;font=serif" `),
  );
  await expect(page.locator('.options-table')).toContainText('data-life-event');
  await expect(page.locator('pre.code')).toHaveText(`script-src 'self' ${AURORA}; frame-src ${AURORA}`);

  await page.locator('.widget-preview').scrollIntoViewIfNeeded();
  const preview = page.frameLocator('.widget-preview iframe');
  await startWidget(preview);
  await expect(preview.getByLabel('Din kommun')).toHaveValue('Uleåborg (564)');
  await expect(preview.locator('.tile[data-code="KE8"]')).toHaveAttribute('aria-pressed', 'true');
  await expect(preview.locator('.service-card').first()).toBeVisible();
  await expectHeightSettled(page.locator('.widget-preview iframe'));

  // A colour that would be unreadable on white is refused, and the page says why.
  await page.getByLabel('Accent colour').fill('#ffff00');
  await expect(page.locator('#w-accent-warning')).toContainText('too light');
  await expect(snippet).not.toHaveValue(/data-accent/);
  await page.getByLabel('Accent colour').fill('#8a1538');
  await expect(snippet).toHaveValue(expected);
  await page.getByRole('button', { name: 'Copy the code' }).first().click();
  await expect(page.locator('.copy-status').first()).toContainText(/The code is (copied|selected)/);

  // Pasted into a blank page of another origin, which its server sends with the strict host CSP.
  const code = await snippet.inputValue();
  writeFileSync(join(process.env.AURORA_PASTED_DIR, 'blank.html'),
    `<!doctype html>\n<html lang="fi">\n<head><meta charset="utf-8"><title>Uusi sivu</title></head>\n<body>\n<h1>Palvelut</h1>\n${code}\n</body>\n</html>\n`);
  await installProbes(page);
  const response = await page.goto(`${HOST}pasted/blank.html`);
  expect(response.headers()['content-security-policy']).toBe(STRICT_HOST_CSP);
  const widget = page.frameLocator('[data-aurora] iframe');
  await startWidget(widget);
  await expect(widget.getByLabel('Din kommun')).toHaveValue('Uleåborg (564)');
  await expect(widget.locator('.tile[data-code="KE8"]')).toHaveAttribute('aria-pressed', 'true');
  await expect(widget.locator('.service-card').first()).toBeVisible();
  await expectHeightSettled(page.locator('[data-aurora] iframe'));
  await expectNoCspViolations(page);
});
