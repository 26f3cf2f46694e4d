// The municipality widget on another origin's page under the strict host CSP: one div and one script tag
// make a frame preset to Oulu and "losing a job", themed by the host, showing services, with no CSP
// violation and no request to anyone but the host and Aurora; the second widget waits until scrolled to.
import { test, expect } from './fixtures.js';
import { AURORA, HOST, HOST_ORIGIN, STRICT_HOST_CSP, installProbes, expectNoCspViolations, frameOf, startWidget } from './widget-helpers.js';

test('the widget applies its preset municipality, event and theme and shows services under the strict host CSP', async ({ page }) => {
  await installProbes(page);
  const response = await page.goto(HOST);
  expect(response.headers()['content-security-policy']).toBe(STRICT_HOST_CSP);

  const iframe = page.locator('#widget-oulu iframe');
  await expect(iframe).toHaveAttribute('title', 'Aurora – palveluja elämäntilanteeseesi');
  await expect(iframe).toHaveAttribute('sandbox', 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox');
  expect(await iframe.getAttribute('src')).toBe(`${AURORA}/embed.html#lang=fi&municipality=564&event=KE8`
    + `&accent=%238a1538&font=serif&radius=2&parent=${encodeURIComponent(HOST_ORIGIN)}`);

  const widget = page.frameLocator('#widget-oulu iframe');

  await startWidget(widget);
  await expect(widget.locator('.tile[data-code="KE8"]')).toHaveAttribute('aria-pressed', 'true');
  await expect(widget.getByLabel('Kotikuntasi')).toHaveValue('Oulu (564)');
  await expect(widget.locator('.tagline')).toContainText('Oulu');
  await expect(widget.locator('.service-card').first()).toBeVisible();

  const theme = await (await frameOf(iframe)).evaluate(() => {
    const root = getComputedStyle(document.documentElement);
    return {
      accent: root.getPropertyValue('--accent').trim(),
      radius: root.getPropertyValue('--radius').trim(),
      font: getComputedStyle(document.body).fontFamily,
      header: getComputedStyle(document.querySelector('.site-header')).backgroundColor,
      lang: document.documentElement.lang,
    };
  });
  expect(theme).toEqual({ accent: '#8a1538', radius: '2px', font: expect.stringContaining('Georgia'), header: 'rgb(138, 21, 56)', lang: 'fi' });

  for (const request of page.requests) {
    expect([HOST_ORIGIN, AURORA], `request to ${request.url()}`).toContain(new URL(request.url()).origin);
  }
  await expectNoCspViolations(page);
});

test('"open the full service" opens Aurora itself with the same municipality and event', async ({ page }) => {
  await page.goto(HOST);
  const widget = page.frameLocator('#widget-oulu iframe');
  await startWidget(widget);
  const link = widget.getByRole('link', { name: /Avaa koko palvelu/ });
  await expect(link).toHaveAttribute('href', './#lang=fi&events=KE8&m=564');
  await expect(link).toHaveAttribute('target', '_blank');
  const [full] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
  await expect(full.locator('.tile[data-code="KE8"]')).toHaveAttribute('aria-pressed', 'true');
  await expect(full.getByLabel('Kotikuntasi')).toHaveValue('Oulu (564)');
  expect(new URL(full.url()).origin).toBe(AURORA);
  await full.close();
});

test('a widget further down loads only when scrolled into view, at its fixed height', async ({ page }) => {
  await installProbes(page);
  await page.goto(HOST);
  await startWidget(page.frameLocator('#widget-oulu iframe'));
  await expect(page.frameLocator('#widget-oulu iframe').locator('.service-card').first()).toBeVisible();
  await expect(page.locator('#widget-helsinki iframe')).toHaveCount(0);
  expect(page.requests.filter((r) => r.url().includes('lang=sv'))).toEqual([]);

  await page.locator('#widget-helsinki').scrollIntoViewIfNeeded();
  const iframe = page.locator('#widget-helsinki iframe');
  await expect(iframe).toHaveCount(1);
  await expect(iframe).toHaveAttribute('title', 'Aurora – tjänster för din livssituation');
  // Fixed height: the frame is told no parent, so it posts nothing.
  expect(await iframe.getAttribute('src')).toBe(`${AURORA}/embed.html#lang=sv&municipality=091`);
  const widget = page.frameLocator('#widget-helsinki iframe');
  await startWidget(widget);
  await expect(widget.getByLabel('Din kommun')).toHaveValue('Helsingfors (091)');
  await widget.locator('.tile').first().click();
  await expect(widget.locator('.service-card').first()).toBeVisible();
  expect(await iframe.evaluate((element) => element.getBoundingClientRect().height)).toBe(480);
  await expectNoCspViolations(page);
});
