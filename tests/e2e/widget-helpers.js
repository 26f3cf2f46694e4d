// Shared set-up for the municipality widget tests (widget-*.spec.js): the two origins, the strict host CSP,
// and probes a test installs in every frame before any page script runs (Playwright init scripts are not
// subject to the page's CSP): CSP violations per frame, and the messages the host page receives.
import { expect } from '@playwright/test';

export const HOST = process.env.AURORA_HOST_URL;
export const HOST_ORIGIN = new URL(HOST).origin;
export const AURORA = new URL(process.env.AURORA_URL).origin;
/// The host CSP the issue names, as tests/e2e/host.nginx.conf sends it.
export const STRICT_HOST_CSP = `default-src 'self'; script-src 'self' ${AURORA}; frame-src ${AURORA}`;

/// Records `securitypolicyviolation` events in every frame and, in the top frame only, every message received.
export async function installProbes(page) {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI}`);
    });
    if (window.top === window) {
      window.__messages = [];
      window.addEventListener('message', (event) => {
        window.__messages.push({ origin: event.origin, type: typeof event.data, data: JSON.stringify(event.data) });
      });
    }
  });
}

/// No frame of the page saw a CSP violation.
export async function expectNoCspViolations(page) {
  for (const frame of page.frames()) {
    const violations = await frame.evaluate(() => window.__cspViolations ?? []);
    expect(violations, `CSP violations in ${frame.url()}`).toEqual([]);
  }
}

/// The Playwright `Frame` inside an iframe element (for evaluating in it, as a debugger can).
export async function frameOf(iframe) {
  return (await iframe.elementHandle()).contentFrame();
}

/// The rendered height of an iframe element, in CSS pixels.
export function frameHeight(iframe) {
  return iframe.evaluate((element) => element.getBoundingClientRect().height);
}

/// Waits until the widget's iframe is as tall as the document inside it (auto height has settled).
export async function expectHeightSettled(iframe) {
  const frame = await frameOf(iframe);
  await expect.poll(async () => {
    const content = await frame.evaluate(() => document.documentElement.offsetHeight);
    return Math.abs((await frameHeight(iframe)) - content);
  }, { message: 'iframe height follows its content' }).toBeLessThanOrEqual(1);
}

/// The widget fetches its catalogue only on the citizen's intent: "Show services" starts it (pressed
/// from the keyboard, which does not depend on where a frame that is still settling is drawn).
export async function startWidget(frame) {
  await frame.locator('button.embed-start').press('Enter');
}
