// A personal identity code (HETU) typed into the situation text brings up a plain-words warning in the
// UI language, and the code is neither stored in the browser nor sent anywhere.
import { test, expect, expectRequestsLeakNothing, everythingStored } from './fixtures.js';

// Valid codes: the check character is DDMMYYNNN mod 31 in "0123456789ABCDEFHJKLMNPRSTUVWXY".
const CODES = ['131052-308T', '010101A123N', '010594Y9032'];
// Same as the first, with a wrong check character: not an identity code.
const WRONG_CHECK = '131052-308U';

const LANGUAGES = [
  { button: 'suomi', label: 'Kuvaile tilannettasi omin sanoin', warning: 'henkilötunnus', text: 'Menetin työpaikkani, hetuni on' },
  { button: 'svenska', label: 'Beskriv din situation med egna ord', warning: 'en personbeteckning', text: 'Jag förlorade jobbet, min personbeteckning är' },
  { button: 'English', label: 'Describe your situation in your own words', warning: 'a personal identity code', text: 'I lost my job, my identity code is' },
];

for (const { button, label, warning, text } of LANGUAGES) {
  test(`an identity code in the text shows a warning (${button})`, async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: button, exact: true }).click();
    const situation = page.getByLabel(label);
    const alert = page.locator('#situation-warning');
    await expect(alert).toHaveAttribute('role', 'alert');

    await situation.fill(`${text} ${WRONG_CHECK}`);
    await expect(page.locator('.service-card').first()).toBeVisible();
    await expect(alert).toBeEmpty();

    for (const code of CODES) {
      await situation.fill(`${text} ${code}.`);
      await expect(alert).toContainText(warning);
      await expect(situation).toHaveAttribute('aria-describedby', /situation-warning/);
      await situation.fill(text);
      await expect(alert).toBeEmpty();
    }
    await situation.fill(`${text} ${CODES[0]} ${CODES[1]}`);
    await expect(alert).toContainText(warning);

    // Only the accepted catalogue version is kept, and no part of any code.
    const keys = await page.evaluate(() => [Object.keys(localStorage), Object.keys(sessionStorage)]);
    expect(keys).toEqual([['aurora.accepted-catalogue-version'], []]);
    const stored = await everythingStored(page);
    for (const code of CODES) {
      for (const part of [code, code.slice(0, 6), code.slice(7)]) {
        expect(stored, `storage holds "${part}"`).not.toContain(part);
      }
    }
    expectRequestsLeakNothing(page, [...CODES, ...CODES.map((code) => code.slice(0, 6)), ...CODES.map((code) => code.slice(7))]);
  });
}

test('phone numbers and e-mail addresses are named in the warning too', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'English', exact: true }).click();
  const situation = page.getByLabel('Describe your situation in your own words');
  const alert = page.locator('#situation-warning');
  await situation.fill('Call me on 040 123 4567 or write to matti.m@example.fi');
  await expect(alert).toContainText('a phone number');
  await expect(alert).toContainText('an e-mail address');
  await expect(alert).not.toContainText('identity code');
  await situation.fill('I lost my job in 2024 and have 2 children');
  await expect(alert).toBeEmpty();
  expectRequestsLeakNothing(page, ['040 123 4567', '1234567', 'matti.m@example.fi']);
});
