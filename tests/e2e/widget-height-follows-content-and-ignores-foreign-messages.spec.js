// Auto height of the municipality widget: the frame posts its height and the loader applies it, as the
// content grows; a fixed-height widget keeps its height. Messages from any other origin (the host page
// itself, a third-origin window holding a reference to the host) or from another Aurora frame change
// neither the height nor anything inside the widget.
import { test, expect } from './fixtures.js';
import { HOST, HOST_ORIGIN, installProbes, frameOf, frameHeight, expectHeightSettled, startWidget } from './widget-helpers.js';

// A page on a third origin that got a reference to the host page (here: as its opener) and tries to resize
// the widget and to steer it.
const FOREIGN_PAGE = `<!doctype html><title>foreign</title><script>
  opener.postMessage(4321, '*');
  opener.postMessage({ height: 4321 }, '*');
  opener.frames[0].postMessage(4321, '*');
  opener.frames[0].postMessage({ lang: 'en', municipality: '091', event: 'KE3', text: 'injected' }, '*');
  document.title = 'sent';
</script>`;

test('resize messages adjust the height of an auto widget and of no other', async ({ page }) => {
  await installProbes(page);
  await page.goto(HOST);
  const iframe = page.locator('#widget-oulu iframe');
  const widget = page.frameLocator('#widget-oulu iframe');
  await startWidget(widget);
  await expect(widget.locator('.service-card').first()).toBeVisible();
  await expectHeightSettled(iframe);
  const before = await frameHeight(iframe);

  await widget.getByRole('button', { name: 'Näytä lisää palveluja' }).click();
  await expect.poll(() => frameHeight(iframe)).toBeGreaterThan(before + 200);
  await expectHeightSettled(iframe);
  // As tall as its content: nothing to scroll inside the frame.
  const frame = await frameOf(iframe);
  expect(await frame.evaluate(() => document.documentElement.scrollHeight - window.innerHeight)).toBeLessThanOrEqual(1);

  const received = await page.evaluate(() => window.__messages);
  expect(received.every((message) => message.type === 'number')).toBe(true);
});

test('messages from a foreign origin or from another frame change nothing', async ({ page }) => {
  await installProbes(page);
  await page.goto(HOST);
  const iframe = page.locator('#widget-oulu iframe');
  const widget = page.frameLocator('#widget-oulu iframe');
  await startWidget(widget);
  await expect(widget.locator('.service-card').first()).toBeVisible();
  await expectHeightSettled(iframe);
  const settled = await frameHeight(iframe);
  const firstService = await widget.locator('.service-card h3').first().textContent();

  // 1. The host page's own origin.
  await page.evaluate(() => window.postMessage(4321, '*'));
  // 2. A third origin.
  await page.context().route('http://foreign.test/**', (route) => route.fulfill({ contentType: 'text/html', body: FOREIGN_PAGE }));
  const opened = page.context().waitForEvent('page');
  await page.evaluate(() => { window.open('http://foreign.test/attack.html', 'foreign'); });
  const foreign = await opened;
  await expect(foreign).toHaveTitle('sent');
  // 3. Aurora's origin, but not this widget's frame: the fixed-height widget further down.
  await page.locator('#widget-helsinki').scrollIntoViewIfNeeded();
  const other = page.locator('#widget-helsinki iframe');
  await startWidget(page.frameLocator('#widget-helsinki iframe'));
  await expect(page.frameLocator('#widget-helsinki iframe').locator('.tile').first()).toBeVisible();
  await (await frameOf(other)).evaluate(() => window.parent.postMessage(4321, '*'));

  // The loader got every one of them...
  await expect.poll(async () => {
    const messages = await page.evaluate(() => window.__messages);
    return messages.filter((message) => message.data === '4321').map((message) => message.origin).sort();
  }).toEqual([new URL(process.env.AURORA_URL).origin, HOST_ORIGIN, 'http://foreign.test'].sort());
  await page.waitForTimeout(300);
  // ...and applied none.
  expect(await frameHeight(iframe)).toBe(settled);
  expect(await frameHeight(other)).toBe(480);
  // The widget frame listens to no messages: same language, municipality, event and services.
  await expect(widget.locator('html')).toHaveAttribute('lang', 'fi');
  await expect(widget.getByLabel('Kotikuntasi')).toHaveValue('Oulu (564)');
  await expect(widget.locator('.tile[aria-pressed="true"]')).toHaveCount(1);
  await expect(widget.locator('.tile[data-code="KE8"]')).toHaveAttribute('aria-pressed', 'true');
  await expect(widget.locator('#situation')).toHaveValue('');
  await expect(widget.locator('.service-card h3').first()).toHaveText(firstService);
  await foreign.close();
});
