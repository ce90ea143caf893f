import { test, expect, api, expectAccessible, hydrated, menu, signIn, unique } from './helpers';
import type { Page } from '@playwright/test';

async function fillIncident(page: Page, place: string, description: string) {
  await page.getByLabel('Område').selectOption({ label: 'Rimbo' });
  await page.getByLabel('Plats').fill(place);
  await page.getByLabel('Kategori').selectOption({ label: 'Klotter' });
  await page.getByLabel('Beskrivning').fill(description);
  await page.getByLabel('Unga inblandade').check();
}

async function findInList(page: Page, place: string) {
  await page.goto('/incidents');
  await page.getByLabel('Område').selectOption({ label: 'Rimbo' });
  await page.getByRole('button', { name: 'Filtrera' }).click();
  await expect(page).toHaveURL(/area=/);
  const row = page.getByRole('row').filter({ hasText: place });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Klotter');
  await expect(row).toContainText('Polisen Norrtälje');
  await expectAccessible(page);
  return row;
}

test.describe('with JavaScript', () => {
  test('a reporter logs an incident through the hydrated form and finds it in the list', async ({ page }) => {
    await signIn(page, 'police@example.org');
    const wasm = page.waitForResponse((r) => r.url().endsWith('.wasm') && r.ok());
    await page.goto('/incidents/new');
    await wasm;
    await hydrated(page);
    await expectAccessible(page);

    // Place suggestions are fetched for the chosen area, not shipped with the page.
    await expect(page.locator('#place-options option')).toHaveCount(0);
    await page.getByLabel('Område').selectOption({ label: 'Rimbo' });
    await expect(page.locator('#place-options option[value="Rimbo centrum"]')).toHaveCount(1);
    await page.getByLabel('Område').selectOption({ label: 'Hallstavik' });
    await expect(page.locator('#place-options option[value="Rimbo centrum"]')).toHaveCount(0);

    const place = unique('Gångtunneln');
    const description = unique('Nytt klotter på tunnelns väggar');
    await fillIncident(page, place, description);
    await page.getByRole('button', { name: 'Spara händelsen' }).click();

    await expect(page).toHaveURL(/\/incidents\/[0-9a-f-]{36}\?saved=1$/);
    await expect(page.getByRole('status')).toHaveText('Händelsen är sparad.');
    await expect(page.getByText(description, { exact: true })).toBeVisible();
    await expectAccessible(page);

    const row = await findInList(page, place);
    await row.getByRole('link').click();
    await expect(page.getByText(description, { exact: true })).toBeVisible();
  });

  test('invalid input gets a clear message next to the field and nothing is saved', async ({ page }) => {
    await signIn(page, 'police@example.org');
    await page.goto('/incidents/new');
    await hydrated(page);
    await page.getByLabel('När').fill('2099-01-01T10:00');
    await page.getByLabel('Område').selectOption({ label: 'Rimbo' });
    await page.getByLabel('Plats').fill('Torget');
    await page.getByLabel('Kategori').selectOption({ label: 'Klotter' });
    await page.getByRole('button', { name: 'Spara händelsen' }).click();

    await expect(page.getByRole('alert')).toContainText('Inget har sparats');
    await expect(page.locator('#occurred_at-error')).toHaveText('Tidpunkten ligger i framtiden.');
    await expect(page.locator('#description-error')).toHaveText('Fyll i det här fältet.');
    await expect(page.getByLabel('Beskrivning')).toHaveAttribute('aria-invalid', 'true');
    await expect(page).toHaveURL(/\/incidents\/new$/);
    await expect(page.getByLabel('Plats')).toHaveValue('Torget');
    await expectAccessible(page);
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the form still logs an incident with a plain POST', async ({ page }) => {
    await signIn(page, 'police@example.org');
    await page.goto('/incidents/new');
    const place = unique('Cykelstället');
    await fillIncident(page, place, unique('Trasiga cyklar och glas på marken'));
    await page.getByRole('button', { name: 'Spara händelsen' }).click();
    await expect(page).toHaveURL(/\/incidents\/[0-9a-f-]{36}\?saved=1$/);
    await expect(page.getByRole('status')).toHaveText('Händelsen är sparad.');
    await findInList(page, place);
  });

  test('the server refuses invalid input with the message next to the field', async ({ page }) => {
    await signIn(page, 'police@example.org');
    await page.goto('/incidents/new');
    await fillIncident(page, unique('Parken'), 'x');
    await page.getByRole('button', { name: 'Spara händelsen' }).click();
    await expect(page).toHaveURL(/\/incidents\/new\?/);
    await expect(page.locator('#description-error')).toHaveText('För kort text: minst 3 tecken.');
    await expectAccessible(page);
  });
});

test('only the authoring organisation and coordinators may edit an incident', async ({ page }) => {
  await signIn(page, 'police@example.org');
  await page.goto('/incidents/new');
  await hydrated(page);
  const place = unique('Idrottshallen');
  await fillIncident(page, place, 'Krossad ruta vid entrén.');
  await page.getByRole('button', { name: 'Spara händelsen' }).click();
  await expect(page).toHaveURL(/\?saved=1$/);
  const url = page.url().replace('?saved=1', '');
  await expect(page.getByRole('link', { name: 'Ändra' })).toBeVisible();
  await page.getByRole('button', { name: 'Logga ut' }).click();

  await signIn(page, 'school@example.org');
  await page.goto(url);
  await expect(page.getByText('Krossad ruta vid entrén.', { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Ändra' })).toHaveCount(0);
  await page.goto(url + '/edit');
  await expect(page.getByRole('alert')).toHaveText('Din roll får inte göra det här.');
  await page.getByRole('button', { name: 'Logga ut' }).click();

  await signIn(page, 'coordinator@example.org');
  await page.goto(url + '/edit');
  await hydrated(page);
  await page.getByLabel('Beskrivning').fill('Krossad ruta vid entrén, nu igensatt med skiva.');
  await page.getByRole('button', { name: 'Spara händelsen' }).click();
  await expect(page.getByRole('status')).toHaveText('Händelsen är sparad.');
  await expect(page.locator('p.description')).toHaveText('Krossad ruta vid entrén, nu igensatt med skiva.');
  await expect(page.getByText('Senast ändrad')).toBeVisible();
  const history = page.locator('ol.history > li');
  await expect(history).toHaveCount(2);
  await expect(history.nth(1)).toContainText('Cecilia Samordnare (Trygg i Norrtälje Kommun) · Ändrade');
  await expect(history.nth(1)).toContainText('Beskrivning: Krossad ruta vid entrén. → Krossad ruta vid entrén, nu igensatt med skiva.');
  await expectAccessible(page);
});

test('a manager sees aggregates but cannot open the incident list', async ({ page }) => {
  await signIn(page, 'manager@example.org');
  await expect(page.getByRole('region', { name: 'Läget i korthet' })).toContainText(/Händelser K[1-4] \d{4}/);
  await expect(page.getByRole('link', { name: 'Händelser' })).toHaveCount(0);
  await page.goto('/incidents');
  await expect(page.getByRole('alert')).toHaveText('Din roll får inte göra det här.');
});

test('a coordinator searches the incidents from the menu and gets the newest first', async ({ page, browser }) => {
  // Three incidents with a word of their own, logged out of time order by the police (in a
  // browser of their own: the coordinator signs in once, as people do).
  const police = await (await browser.newContext()).newPage();
  await signIn(police, 'police@example.org');
  const ref = await api(police, '/api/reference', {});
  const area = ref.reference.areas.find((a: { name: string }) => a.name === 'Rimbo').id;
  const category = ref.reference.categories.find((c: { name: string }) => c.name === 'Klotter').id;
  const now = new Date(`${ref.now_local}:00Z`).getTime();
  const word = unique('tag').split(' ')[1];
  const places: Record<number, string> = { 1: unique('Kiosken'), 3: unique('Bron'), 2: unique('Skolgården') };
  for (const hours of [1, 3, 2]) {
    await api(police, '/api/incidents/save', {
      occurred_at: new Date(now - hours * 3600_000).toISOString().slice(0, 16),
      area_id: area,
      place: places[hours],
      category_id: category,
      description: `Klotter med taggen ${word} på väggen.`,
    });
  }
  await police.context().close();

  await signIn(page, 'coordinator@example.org');
  await menu(page, 'Händelser');
  await page.getByLabel('Sök i text').fill(word.toUpperCase());
  await page.getByRole('button', { name: 'Filtrera' }).click();
  await expect(page).toHaveURL(new RegExp(`q=${word}`, 'i'));
  const rows = page.getByRole('row').filter({ hasText: 'Klotter' });
  await expect(rows).toHaveCount(3);
  for (const [i, hours] of [1, 2, 3].entries()) {
    await expect(rows.nth(i)).toContainText(places[hours]);
  }
  await expect(page.getByLabel('Sök i text')).toHaveValue(word.toUpperCase());
  await expectAccessible(page);

  // The same words in another area: none. Then in the area they were logged in: all three
  // again (the list was empty in between, so these rows are the new answer's).
  const none = page.getByRole('status').filter({ hasText: 'Inga händelser matchar filtret.' });
  await page.getByLabel('Område', { exact: true }).selectOption({ label: 'Norrtälje' });
  await page.getByRole('button', { name: 'Filtrera' }).click();
  await expect(none).toBeVisible();
  await expect(rows).toHaveCount(0);
  await page.getByLabel('Område', { exact: true }).selectOption({ label: 'Rimbo' });
  await page.getByRole('button', { name: 'Filtrera' }).click();
  // The address holds the form's named fields and nothing else (no `&=` from the button).
  await expect(page).toHaveURL(new RegExp(`\\?q=${word}&week=&area=${area}&category=&organisation=$`, 'i'));
  await expect(none).toHaveCount(0);
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toContainText(places[1]);
  await expect(page.getByLabel('Sök i text')).toHaveValue(word.toUpperCase());
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('a coordinator pages back through the incidents and each page says which stretch it shows', async ({ page }) => {
    await signIn(page, 'coordinator@example.org');
    await menu(page, 'Händelser');
    const heading = page.getByRole('heading', { level: 2, name: /^\d+ händelser, / });
    const stretch = async () => {
      const m = (await heading.innerText()).match(/^(\d+) händelser, (.+) – (.+)$/);
      expect(m, 'how many, the newest and the oldest shown').not.toBeNull();
      return { count: Number(m![1]), newest: m![2], oldest: m![3] };
    };
    await expect(heading).toBeVisible();
    const first = await stretch();
    expect(first.count).toBe(25);
    expect(first.newest >= first.oldest).toBe(true);

    await page.getByRole('link', { name: 'Äldre händelser' }).click();
    await expect(page).toHaveURL(/before=.+#results$/);
    await expect(heading).not.toContainText(first.newest);
    const second = await stretch();
    expect(second.newest <= first.oldest, 'the next page goes on where the first ended').toBe(true);
    // The jump lands on the results: the filters that fill a phone's first screen are above.
    await expect(heading).toBeInViewport();
    expect((await heading.boundingBox())!.y).toBeLessThan(120);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Till de senaste' }).click();
    await expect(heading).toContainText(first.newest);
    await expect(page).not.toHaveURL(/before=/);
  });
});
