// The catalogue is published in area shards (national, local, one per municipality), each once per
// language, like the codes. A client fetches the codes, the national shard and its municipality's shard,
// or the local shard when it has no municipality, all in its language; a later query in the same area
// needs no request, another municipality only its own shard, and another language its codes and one
// shard per loaded area. A municipality's shard is kept in memory for the visit, never saved on the
// device.
import { test, expect, cachedPaths } from './fixtures.js';

/// Local library services, one in Oulu (564) and one in Turku (853), in the shipped data.
const OULU_LIBRARY = 'e2ac1880-e152-416e-86d8-2c3cd2c7d03d';
const TURKU_LIBRARY = '2a22f820-6f13-4a4f-be5f-9f43e4eee988';

/// The catalogue files the page requested, without their content hashes (`services.m564.en`).
function catalogueFiles(page) {
  return page.requests
    .map((request) => new URL(request.url()).pathname)
    .filter((path) => path.includes('/catalogue/'))
    .map((path) => path.split('/').pop().replace(/\.[0-9a-f]{16}\.bin$/, ''));
}

async function search(page, text) {
  await page.getByLabel('Describe your situation in your own words').fill(text);
}

function card(page, id) {
  return page.locator(`.service-card[data-service-id="${id}"]`);
}

async function chooseMunicipality(page, code, shown) {
  const municipality = page.getByLabel('Your municipality (optional)');
  await municipality.fill(code);
  await municipality.blur();
  await expect(municipality).toHaveValue(shown);
}

test('the widget of a municipality fetches nothing before the first keystroke, then the national shard and its own, and a second query nothing', async ({ page }) => {
  await page.goto('/embed.html#municipality=564&lang=en');
  await expect(page.getByRole('button', { name: 'Show services' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(catalogueFiles(page), 'fetched before the citizen showed intent').toEqual([]);
  await search(page, 'library');
  await expect(card(page, OULU_LIBRARY)).toBeVisible();
  // The full search panel took the place of the first field: the citizen types on where they were.
  await expect(page.locator('#situation')).toBeFocused();
  await expect(page.locator('#situation')).toHaveValue('library');
  expect(catalogueFiles(page).sort()).toEqual(['codes.en', 'manifest.json', 'manifest.sig', 'services.m564.en', 'services.national.en']);

  const before = catalogueFiles(page).length;
  await search(page, 'debt counselling');
  await expect(card(page, OULU_LIBRARY)).toHaveCount(0);
  await expect(page.locator('.service-card').first()).toBeVisible();
  expect(catalogueFiles(page).length).toBe(before);
});

test('the citizen app without a municipality fetches national and local, which cover every municipality', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await search(page, 'library');
  await expect(card(page, OULU_LIBRARY)).toBeVisible();
  const files = catalogueFiles(page);
  expect(files.sort()).toEqual(['codes.en', 'manifest.json', 'manifest.sig', 'services.local.en', 'services.national.en']);

  await chooseMunicipality(page, '853', 'Turku (853)');
  await expect(card(page, TURKU_LIBRARY)).toBeVisible();
  await expect(card(page, OULU_LIBRARY)).toHaveCount(0);
  expect(catalogueFiles(page).length).toBe(files.length);
});

test('another municipality fetches only its shard, and going back fetches nothing', async ({ page }) => {
  await page.goto('/#lang=en&m=564');
  await search(page, 'library');
  await expect(card(page, OULU_LIBRARY)).toBeVisible();
  expect(catalogueFiles(page).sort()).toEqual(['codes.en', 'manifest.json', 'manifest.sig', 'services.m564.en', 'services.national.en']);

  const before = catalogueFiles(page).length;
  await chooseMunicipality(page, '853', 'Turku (853)');
  await expect(card(page, TURKU_LIBRARY)).toBeVisible();
  expect(catalogueFiles(page).slice(before)).toEqual(['services.m853.en']);

  // The Oulu shard was kept in memory for this visit.
  await chooseMunicipality(page, '564', 'Oulu (564)');
  await expect(card(page, OULU_LIBRARY)).toBeVisible();
  expect(catalogueFiles(page).slice(before)).toEqual(['services.m853.en']);
  // Only shards that are the same for everyone are saved on the device: a municipality's would record
  // the citizen's area without their consent.
  const saved = (await cachedPaths(page))['aurora-verified-catalogue'];
  expect(saved.some((path) => path.includes('/services.national.'))).toBe(true);
  expect(saved.filter((path) => /\/services\.m\d+\./.test(path))).toEqual([]);
});

test('a Swedish session fetches only Swedish files, and switching language the codes and one shard per loaded area', async ({ page }) => {
  await page.goto('/#lang=sv&m=564');
  await page.getByLabel('Beskriv din situation med egna ord').fill('bibliotek');
  await expect(page.locator('.service-card').first()).toBeVisible();
  expect(catalogueFiles(page).sort()).toEqual(['codes.sv', 'manifest.json', 'manifest.sig', 'services.m564.sv', 'services.national.sv']);

  const before = catalogueFiles(page).length;
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await search(page, 'library');
  await expect(card(page, OULU_LIBRARY)).toBeVisible();
  await expect.poll(() => catalogueFiles(page).slice(before).sort()).toEqual(['codes.en', 'services.m564.en', 'services.national.en']);
});

test('a shard that cannot be downloaded leaves the catalogue in use, says why and is tried again', async ({ page }) => {
  page.allowConsoleErrors();
  await page.clock.install();
  await page.goto('/#lang=en&m=564');
  await search(page, 'library');
  await expect(card(page, OULU_LIBRARY)).toBeVisible();

  await page.route('**/catalogue/services.m853.*', (route) => route.fulfill({ status: 500, body: 'Internal Server Error' }));
  await chooseMunicipality(page, '853', 'Turku (853)');
  const notice = page.locator('.update-notice');
  await expect(notice).toHaveAttribute('data-error-kind', 'Network');
  await expect(page.locator('.service-card').first()).toBeVisible();

  await page.unroute('**/catalogue/services.m853.*');
  await page.clock.fastForward('00:31');
  await expect(card(page, TURKU_LIBRARY)).toBeVisible();
  await expect(notice).toHaveCount(0);
});
