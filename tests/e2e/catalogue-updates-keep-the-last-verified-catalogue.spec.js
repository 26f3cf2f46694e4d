// After a first visit, the publisher's next catalogue replaces the old one only if it passes every
// check. Each wrong update is refused with its own plain message while the app goes on with the
// catalogue it verified before; a failed download is tried again later. Every update here is a real
// `aurora build` output served by nginx, damaged as xtask/src/updates.rs describes.
import { test, expect } from './fixtures.js';
import { liveSite, baseVersion, nextVersion } from './live.js';

const DAY_MS = 24 * 60 * 60 * 1000;

async function openInEnglish(page, url) {
  await page.goto(url);
  await page.getByRole('button', { name: 'English', exact: true }).click();
}

async function expectVersionInUse(page, version) {
  await expect(page.locator('.catalogue-info')).toContainText(`Service catalogue version ${version},`);
}

async function expectServicesForDebt(page) {
  await page.getByLabel('Describe your situation in your own words').fill('debt counselling');
  await expect(page.locator('.service-card').first()).toBeVisible();
}

/// A first visit: the site's own catalogue is downloaded, verified and kept.
async function firstVisit(page, site) {
  await openInEnglish(page, site.url);
  await expectVersionInUse(page, baseVersion);
}

test('an update signed with a newly trusted key is taken (key rotation)', async ({ page }, testInfo) => {
  const site = liveSite(testInfo);
  await firstVisit(page, site);
  site.publish('next');
  await openInEnglish(page, site.url);
  await expectVersionInUse(page, nextVersion);
  await expect(page.locator('.update-notice')).toHaveCount(0);
  // The update's own addition (the supplementary example file) is searchable.
  await page.getByLabel('Describe your situation in your own words').fill('food aid');
  await expect(page.locator('.service-card h3', { hasText: 'Food aid (EXAMPLE)' })).toBeVisible();
});

for (const { update, kind, message } of [
  { update: 'retired-key', kind: 'RetiredKey', message: 'signed with a key that its publisher no longer uses' },
  { update: 'unknown-key', kind: 'UnknownKey', message: 'signed with a key that Aurora does not trust' },
  { update: 'bad-signature', kind: 'BadSignature', message: 'signature of the service catalogue does not match its contents' },
  { update: 'rollback', kind: 'Rollback', message: 'an older service catalogue than the one this device already has' },
  { update: 'one-byte', kind: 'Tampered', message: 'is not the one its publisher signed' },
  { update: 'mix-and-match', kind: 'Tampered', message: 'is not the one its publisher signed' },
  { update: 'truncated', kind: 'Tampered', message: 'is not the one its publisher signed' },
  { update: 'missing-file', kind: 'MissingFile', message: 'incomplete: a file it needs is missing' },
]) {
  test(`an update refused for ${update} leaves the last verified catalogue in use`, async ({ page }, testInfo) => {
    page.allowConsoleErrors();
    const site = liveSite(testInfo);
    await firstVisit(page, site);
    site.publish(update);
    await openInEnglish(page, site.url);
    const notice = page.locator('.update-notice');
    await expect(notice).toHaveAttribute('data-error-kind', kind);
    await expect(notice).toContainText(message);
    await expect(notice).toContainText('showing the service catalogue it checked earlier on this device');
    await expectVersionInUse(page, baseVersion);
    await expectServicesForDebt(page);
  });
}

test('without a verified catalogue on the device, a refused one shows the error screen', async ({ page }, testInfo) => {
  page.allowConsoleErrors();
  const site = liveSite(testInfo);
  site.publish('unknown-key');
  await openInEnglish(page, site.url);
  const error = page.getByRole('alert');
  await expect(error).toHaveAttribute('data-error-kind', 'UnknownKey');
  await expect(error).toContainText('The service catalogue failed its security check');
  await expect(error).toContainText('signed with a key that Aurora does not trust');
  await expect(page.locator('.service-card')).toHaveCount(0);
});

test('a file the manifest does not name is never downloaded', async ({ page }, testInfo) => {
  const site = liveSite(testInfo);
  site.publish('stray-file');
  await firstVisit(page, site);
  await expectServicesForDebt(page);
  const requested = page.requests.map((request) => request.url());
  expect(requested.some((url) => url.includes('/catalogue/services.national.'))).toBe(true);
  expect(requested.filter((url) => url.includes('stray'))).toEqual([]);
});

for (const { fault, breakFiles } of [
  { fault: 'a file answering 500', breakFiles: (route) => route.fulfill({ status: 500, body: 'Internal Server Error' }) },
  { fault: 'a connection cut', breakFiles: (route) => route.abort('connectionreset') },
]) {
  test(`${fault} during an update keeps the last catalogue and is retried later`, async ({ page }, testInfo) => {
    page.allowConsoleErrors();
    await page.clock.install();
    const site = liveSite(testInfo);
    await firstVisit(page, site);
    site.publish('next');
    // The fault is injected between the browser and nginx, only for the update's new files.
    await page.route('**/catalogue/*.bin', breakFiles);
    await openInEnglish(page, site.url);
    const notice = page.locator('.update-notice');
    await expect(notice).toHaveAttribute('data-error-kind', 'Network');
    await expect(notice).toContainText('could not be downloaded');
    await expectVersionInUse(page, baseVersion);
    await expectServicesForDebt(page);

    // The server recovers; the app's next try, half a minute later, takes the update without a reload.
    await page.unroute('**/catalogue/*.bin');
    await page.clock.fastForward('00:31');
    await expectVersionInUse(page, nextVersion);
    await expect(notice).toHaveCount(0);
  });
}

test('an expired catalogue is shown with a warning for 30 days, then refused', async ({ page }, testInfo) => {
  page.allowConsoleErrors();
  const now = Date.now();
  await page.clock.install({ time: now });
  const site = liveSite(testInfo);
  await firstVisit(page, site);
  // 35 days on, the catalogue (valid for 30) has expired; the publisher has published nothing newer.
  await page.clock.setSystemTime(now + 35 * DAY_MS);
  await openInEnglish(page, site.url);
  await expect(page.locator('.catalogue-info .warning')).toContainText('This service catalogue has expired');
  await expectServicesForDebt(page);
  // 65 days on, past the grace period: refused, the saved copy too, since it is the same catalogue.
  await page.clock.setSystemTime(now + 65 * DAY_MS);
  await openInEnglish(page, site.url);
  const error = page.getByRole('alert');
  await expect(error).toHaveAttribute('data-error-kind', 'Expired');
  await expect(error).toContainText('has expired and is too old to be shown');
  await expect(page.locator('.service-card')).toHaveCount(0);
});

test('a slow download shows its progress', async ({ page }, testInfo) => {
  const site = liveSite(testInfo);
  const network = await page.context().newCDPSession(page);
  await network.send('Network.enable');
  // About 1 Mbit/s: the 1.8 MB catalogue takes seconds.
  await network.send('Network.emulateNetworkConditions', {
    offline: false, latency: 50, downloadThroughput: 128 * 1024, uploadThroughput: 128 * 1024,
  });
  await openInEnglish(page, site.url);
  const progress = page.locator('.status progress');
  await expect(progress).toBeVisible();
  await expect(page.locator('.loading-amount')).toHaveText(/^\d+\.\d MB of \d+\.\d MB$/);
  await expect.poll(() => progress.evaluate((bar) => bar.value)).toBeGreaterThan(0);
  const { value, max } = await progress.evaluate((bar) => ({ value: bar.value, max: bar.max }));
  expect(value).toBeLessThan(max);
  await network.send('Network.emulateNetworkConditions', {
    offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1,
  });
  await expectVersionInUse(page, baseVersion);
});
