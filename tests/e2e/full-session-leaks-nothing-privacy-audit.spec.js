// Privacy audit: a full citizen session with personal input — free text with an identity code, ratings,
// age, municipality, a life event, a shared link — in each language. Every request is a same-origin GET
// of a static file, none carries any of the input, there are no cookies, and nothing but the accepted
// catalogue version and copies of static files (the verified catalogue, the app shell) is stored.
import { test, expect, expectRequestsLeakNothing, everythingStored, cachedPaths } from './fixtures.js';

const SESSIONS = [
  { button: 'suomi', label: 'Kuvaile tilannettasi omin sanoin', text: 'Menetin työpaikkani ja velkoja on paljon, hetu 131052-308T', municipality: 'Oulu (564)', share: 'Jaa tilanteeni', agree: 'Hyväksyn, tee linkki' },
  { button: 'svenska', label: 'Beskriv din situation med egna ord', text: 'Jag förlorade jobbet och har skulder, personbeteckning 131052-308T', municipality: 'Uleåborg (564)', share: 'Dela min situation', agree: 'Jag godkänner, gör länken' },
  { button: 'English', label: 'Describe your situation in your own words', text: 'I lost my job and have debts, identity code 131052-308T', municipality: 'Oulu (564)', share: 'Share my situation', agree: 'I agree, make the link' },
];

for (const session of SESSIONS) {
  test(`a full session sends and keeps nothing personal (${session.button})`, async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: session.button, exact: true }).click();
    await page.getByLabel(session.label).fill(session.text);
    await page.locator('#municipality').fill(session.municipality);
    await page.locator('#municipality').press('Enter');
    await page.locator('#municipality').blur();
    await page.locator('#age').fill('47');
    await page.locator('#age').blur();
    await page.locator('.tile[data-code="KE9"]').click();
    await page.locator('.meter-panel summary').click();
    await page.locator('#meter-finance').fill('2');
    await page.locator('#meter-health').fill('8');
    await expect(page.locator('.service-card').first()).toBeVisible();
    await page.getByRole('button', { name: session.share }).click();
    await page.getByRole('button', { name: session.agree }).click();
    await expect(page.locator('.share-panel input[readonly]')).toHaveValue(/#lang=/);

    // Age and municipality code are too short to search for in hashed file names; the shared-link test covers them.
    const secrets = ['131052-308T', '131052', 'velkoja', 'skulder', 'debts', 'finance', 'KE9'];
    expectRequestsLeakNothing(page, secrets);
    for (const request of page.requests) {
      const path = new URL(request.url()).pathname;
      expect(path, 'only static files are fetched').toMatch(/^\/(|index\.html|boot\.js|app\.js|app_bg\.wasm|engine-worker\.js|style\.css|favicon\.svg|catalogue\/[\w.-]+|sw\.js)$/);
    }
    expect(await page.context().cookies()).toEqual([]);
    const stored = await everythingStored(page);
    for (const secret of ['131052', 'velkoja', 'skulder', 'debts', 'finance', 'KE9']) {
      expect(stored.includes(secret), `storage holds "${secret}": ${stored}`).toBe(false);
    }
    const keys = await page.evaluate(() => [Object.keys(localStorage), Object.keys(sessionStorage)]);
    expect(keys).toEqual([['aurora.accepted-catalogue-version'], []]);
    // Cache Storage holds the verified catalogue (the service worker adds the app shell once it has
    // installed); every entry is a static file the server publishes, the same for every citizen.
    const buckets = await cachedPaths(page);
    expect(Object.keys(buckets)).toContain('aurora-verified-catalogue');
    expect(buckets['aurora-verified-catalogue']).toContain('/catalogue/manifest.json');
    for (const [bucket, paths] of Object.entries(buckets)) {
      for (const path of paths) {
        expect(path, `${bucket} keeps only static files`).toMatch(/^\/(|index\.html|boot\.js|app\.js|app_bg\.wasm|engine-worker\.js|style\.css|favicon\.svg|catalogue\/[\w.-]+)$/);
      }
    }
  });
}

test('service links leave no referrer and pages declare no-referrer', async ({ page }) => {
  const response = await page.goto('/');
  expect(response.headers()['referrer-policy']).toBe('no-referrer');
  expect(response.headers()['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
  await expect(page.locator('meta[name="referrer"]')).toHaveAttribute('content', 'no-referrer');
});
