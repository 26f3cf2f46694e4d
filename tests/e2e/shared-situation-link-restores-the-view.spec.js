// "Share my situation": after an explicit consent step, the citizen gets a link whose fragment (never a
// query string, so no server sees it) restores the same choices and so the same first result on another
// device. The free text travels only when ticked, and never when it holds personal data.
import { test, expect, expectRequestsLeakNothing, everythingStored } from './fixtures.js';

const TEXT = 'Jag har förlorat jobbet och oroar mig för hyran';

/// Sets a Swedish situation: a life event, a rating, a municipality, an age and some text.
async function chooseSituation(page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'svenska', exact: true }).click();
  await page.locator('.tile[data-code="KE8"]').click();
  await page.getByText('Självskattning av tio livsområden').click();
  await page.locator('#meter-finance').fill('2');
  const municipality = page.getByLabel('Din kommun');
  await municipality.fill('564');
  await municipality.blur();
  await expect(municipality).toHaveValue('Uleåborg (564)');
  const age = page.getByLabel('Din ålder');
  await age.fill('34');
  await age.blur();
  await page.getByLabel('Beskriv din situation med egna ord').fill(TEXT);
  await expect(page.locator('.service-card').first()).toBeVisible();
}

/// Shares with consent (ticking the text box if asked) and returns the link shown.
async function share(page, { withText }) {
  const open = page.getByRole('button', { name: 'Dela min situation' });
  await open.click();
  await expect(open).toHaveAttribute('aria-expanded', 'true');
  const consent = page.getByRole('group', { name: 'Vad länken innehåller' });
  await expect(consent).toContainText('Ingenting skickas någonstans');
  await expect(consent).toContainText('Livssituationer: Att bli arbetslös');
  await expect(consent).toContainText('Privatekonomi 2/10');
  await expect(consent).toContainText('Kommun: Uleåborg');
  const tick = consent.getByLabel('Ta också med texten jag skrev');
  await expect(tick).not.toBeChecked();
  if (withText) {
    await tick.check();
    await expect(consent).toContainText('Din egen text: med');
  }
  await consent.getByRole('button', { name: 'Jag godkänner, gör länken' }).click();
  const field = page.getByLabel('Länk till din situation');
  await expect(field).not.toBeEditable();
  await expect(field).toBeFocused();
  await page.getByRole('button', { name: 'Kopiera länken' }).click();
  await expect(page.locator('.share-copy-status')).toContainText(/Länken är (kopierad|markerad)/);
  return field.inputValue();
}

/// What the page shows: the choices and the first result.
async function view(page) {
  await expect(page.locator('.service-card').first()).toBeVisible();
  return {
    lang: await page.locator('.lang-switch button[aria-pressed="true"]').textContent(),
    events: await page.locator('.tile[aria-pressed="true"]').evaluateAll((tiles) => tiles.map((t) => t.dataset.code)),
    finance: await page.locator('#meter-finance + output').textContent(),
    municipality: await page.getByLabel('Din kommun').inputValue(),
    age: await page.getByLabel('Din ålder').inputValue(),
    text: await page.locator('#situation').inputValue(),
    first: await page.locator('.service-card').first().getAttribute('data-service-id'),
  };
}

test('a shared link restores the choices and the first result, without the text', async ({ page, freshPage }) => {
  await chooseSituation(page);
  const link = await share(page, { withText: false });
  const url = new URL(link);
  expect(link).not.toContain('?');
  expect(url.search).toBe('');
  expect(url.hash).toMatch(/^#lang=sv&/);
  expect(url.hash).toContain('events=KE8');
  expect(url.hash).toContain('m=564');
  expect(url.hash).toContain('r=finance:2');
  expect(url.hash).toContain('age=34');
  expect(url.hash).not.toContain('text=');
  expect(link).not.toContain(encodeURIComponent(TEXT).slice(0, 20));

  await freshPage.goto(link);
  const after = await view(freshPage);
  expect(after.text).toBe('');
  expect(after.lang).toBe('svenska');
  // The other device shows what these choices show without the text (the text also ranks).
  await page.getByLabel('Beskriv din situation med egna ord').fill('');
  await expect.poll(() => view(page)).toEqual(after);
  // The situation does not linger in the address bar or in storage.
  expect(new URL(freshPage.url()).hash).toBe('');
  const stored = await everythingStored(freshPage);
  expect(stored).not.toContain('KE8');
  expect(stored).not.toContain('564');
  expectRequestsLeakNothing(page, [TEXT, 'förlorat']);
  expectRequestsLeakNothing(freshPage, [TEXT, 'förlorat', 'KE8', 'finance']);
});

test('the text travels only when ticked, and never with personal data', async ({ page, freshPage }) => {
  await chooseSituation(page);
  const link = await share(page, { withText: true });
  expect(new URL(link).hash).toContain(`text=${encodeURIComponent(TEXT)}`);
  await freshPage.goto(link);
  expect((await view(freshPage)).text).toBe(TEXT);

  // Any change closes the link; with an identity code in the text, the box cannot be ticked.
  await page.getByLabel('Beskriv din situation med egna ord').fill(`${TEXT}, 131052-308T`);
  await expect(page.getByLabel('Länk till din situation')).toHaveCount(0);
  await page.getByRole('button', { name: 'Dela min situation' }).click();
  const tick = page.getByLabel('Ta också med texten jag skrev');
  await expect(tick).toBeDisabled();
  await expect(page.getByRole('group', { name: 'Vad länken innehåller' })).toContainText('personuppgifter');
  await page.getByRole('button', { name: 'Jag godkänner, gör länken' }).click();
  const withCode = await page.getByLabel('Länk till din situation').inputValue();
  expect(withCode).not.toContain('text=');
  expect(withCode).not.toContain('131052');
  expectRequestsLeakNothing(page, [TEXT, '131052']);
});

test('a link with broken values is ignored without an error', async ({ page }) => {
  await page.goto('/#lang=en&events=KE8,NOPE,%ZZ&m=999&r=finance:99,health:3,x:1&age=-4&text=%E2%28');
  await expect(page.locator('.tile[data-code="KE8"]')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('button', { name: 'English', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('#meter-health + output')).toHaveText('3/10');
  await expect(page.locator('#meter-finance + output')).toHaveText('not rated');
  await expect(page.getByLabel('Your municipality')).toHaveValue('');
  await expect(page.getByLabel('Your age')).toHaveValue('');
  await expect(page.locator('.service-card').first()).toBeVisible();
  await expect(page.getByText('Your choices could not be used')).toHaveCount(0);
});

test('a link pasted into an open tab restores the situation too', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await expect(page.locator('.tile').first()).toBeVisible();
  await page.evaluate(() => { window.location.hash = '#lang=fi&events=KE9&age=40'; });
  await expect(page.locator('.tile[data-code="KE9"]')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('button', { name: 'suomi', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByLabel('Ikäsi')).toHaveValue('40');
  await expect.poll(() => new URL(page.url()).hash).toBe('');
});

test('without a clipboard, Copy selects the link for copying by hand', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined });
  });
  await page.goto('/');
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await page.locator('.tile[data-code="KE8"]').click();
  await page.getByRole('button', { name: 'Share my situation' }).click();
  await page.getByRole('button', { name: 'I agree, make the link' }).click();
  await page.getByLabel('Link to your situation').blur();
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The link is selected' })).toBeVisible();
  const field = page.getByLabel('Link to your situation');
  const selected = await field.evaluate((input) => input.value.slice(input.selectionStart, input.selectionEnd));
  expect(selected).toBe(await field.inputValue());
  expect(selected).toMatch(/#lang=en&events=KE8$/);
});
