// "About Aurora" names the data sources and their licences, credits DIAK's 3X10D® meter, explains how
// privacy works and shows the signed catalogue in use, in all three languages.
import { test, expect, expectRequestsLeakNothing } from './fixtures.js';

const LANGUAGES = [
  {
    button: 'suomi', about: 'Tietoa Aurorasta', back: 'Takaisin palveluihin',
    credit: 'Kymmenen elämänalueen itsearvio perustuu Diakonia-ammattikorkeakoulun (DIAK) kehittämään 3X10D®-elämäntilannemittariin. 3X10D on DIAKin rekisteröity tavaramerkki.',
    sources: ['Suomi.fi-palvelutietovaranto (PTV)', 'Digi- ja väestötietovirasto (DVV)', 'AuroraAI', 'Tilastokeskuk', 'koodistot.suomi.fi', 'JUPO', 'TERO', 'Finto', 'MIT', 'CC BY 4.0'],
    privacy: ['omalla laitteellasi', 'evästeitä', 'analytiikkaa', 'korkein hyväksytty palveluluettelon versio'],
  },
  {
    button: 'svenska', about: 'Om Aurora', back: 'Tillbaka till tjänsterna',
    credit: 'Självskattningen av tio livsområden bygger på livssituationsmätaren 3X10D®, som utvecklats av DIAK (Diakonia-yrkeshögskolan). 3X10D är ett registrerat varumärke som tillhör DIAK.',
    sources: ['Suomi.fi-tjänstedatalagret (PTV)', '(DVV)', 'AuroraAI', 'Statistikcentralen', 'koodistot.suomi.fi', 'JUPO', 'TERO', 'Finto', 'MIT', 'CC BY 4.0'],
    privacy: ['din egen enhet', 'kakor', 'analys', 'högsta katalogversion'],
  },
  {
    button: 'English', about: 'About Aurora', back: 'Back to the services',
    credit: 'The self-assessment of ten life areas is based on the 3X10D® life-situation meter developed by DIAK (Diaconia University of Applied Sciences). 3X10D is a registered mark of DIAK.',
    sources: ['Suomi.fi Finnish Service Catalogue (PTV)', 'Finnish Digital Agency (DVV)', 'AuroraAI', 'Statistics Finland', 'koodistot.suomi.fi', 'JUPO', 'TERO', 'Finto', 'MIT', 'CC BY 4.0'],
    privacy: ['your own device', 'no cookies', 'no analytics', 'highest catalogue version accepted'],
  },
];

for (const { button, about, back, credit, sources, privacy } of LANGUAGES) {
  test(`the about page credits the data and 3X10D (${button})`, async ({ page, request }) => {
    const manifest = await (await request.get('catalogue/manifest.json')).json();
    await page.goto('/');
    await page.getByRole('button', { name: button, exact: true }).click();
    await expect(page.locator('.tile').first()).toBeVisible();
    const open = page.getByRole('button', { name: about });
    await open.click();
    await expect(open).toHaveAttribute('aria-pressed', 'true');

    const view = page.locator('.about-page');
    await expect(page.getByRole('heading', { level: 2, name: about })).toBeFocused();
    await expect(view).toContainText(credit);
    for (const source of sources) await expect(view).toContainText(source);
    for (const words of privacy) await expect(view).toContainText(words);
    await expect(view.locator('[data-fact="about-catalogue-version"]')).toHaveText(String(manifest.catalogue_version));
    await expect(view.locator('[data-fact="about-catalogue-published"]'))
      .toHaveText(new Date(manifest.created * 1000).toISOString().slice(0, 10));
    await expect(view.locator('[data-fact="about-catalogue-key"]')).toHaveText(manifest.key_id);
    await expect(view.locator('a[href^="https://"]').first()).toHaveAttribute('rel', /noreferrer/);
    await expect(page.locator('.tile')).toHaveCount(0);

    await page.getByRole('button', { name: back }).click();
    await expect(open).toBeFocused();
    await expect(open).toHaveAttribute('aria-pressed', 'false');
    await expect(page.locator('.tile').first()).toBeVisible();
    expectRequestsLeakNothing(page, []);
  });
}
