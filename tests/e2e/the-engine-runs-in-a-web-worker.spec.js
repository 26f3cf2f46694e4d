// The engine runs off the main thread: the engine worker downloads the catalogue (the page itself
// fetches no catalogue file) and answers the page's queries.
import { test, expect } from './fixtures.js';

const resourcePaths = () => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);

test('the catalogue is downloaded and searched in the engine worker, not in the page', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'suomi' }).click();
  await page.getByLabel('Kuvaile tilannettasi omin sanoin').fill('kirjasto');
  await expect(page.locator('.service-card h3').first()).toContainText(/kirjasto/i);
  await expect(page.locator('#results')).toHaveAttribute('aria-busy', 'false');

  const workers = page.workers().filter((worker) => new URL(worker.url()).pathname === '/engine-worker.js');
  expect(workers, 'one engine worker').toHaveLength(1);
  const inWorker = await workers[0].evaluate(resourcePaths);
  expect(inWorker).toContain('/catalogue/manifest.json');
  expect(inWorker.some((path) => /^\/catalogue\/services\.national\.fi\.[0-9a-f]{16}\.bin$/.test(path))).toBe(true);
  const inPage = await page.evaluate(resourcePaths);
  expect(inPage.filter((path) => path.startsWith('/catalogue/')), 'catalogue files fetched by the page').toEqual([]);
});
