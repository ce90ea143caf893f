// Work orders on a phone, as the issue tells it: a reporter logs a dark path, the coordinator
// sends it to street and parks, the handler takes it with one tap and marks it fixed, and the
// reporter sees it fixed on the incident. Refusals store nothing and say why.
import { test, expect, expectAccessible, hydrated, menu, signIn, unique, PASSWORD } from './helpers';
import type { Page } from '@playwright/test';

test.use({ viewport: { width: 390, height: 844 } });

const STREETS = 'Gatu- och parkavdelningen';
// A 2×2 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGM4kWIERAwQCgAorgV5QuEn7gAAAABJRU5ErkJggg==',
  'base64',
);

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Logga ut', includeHidden: true }).evaluate((b) => (b as HTMLButtonElement).click());
  await expect(page).toHaveURL(/sign-in/);
}

/** Logs an unsafe place in Norrtälje as police@ and returns the incident's path. */
async function logDarkPath(page: Page, place: string): Promise<string> {
  await signIn(page, 'police@example.org');
  await menu(page, 'Logga händelse');
  await page.getByLabel('Område').selectOption({ label: 'Norrtälje' });
  await page.getByLabel('Plats').fill(place);
  await page.getByLabel('Kategori').selectOption({ label: 'Otrygg plats (belysning, vegetation)' });
  await page.getByLabel('Beskrivning').fill('Mörk gångväg, flera lampor trasiga.');
  await page.getByRole('button', { name: 'Spara händelsen' }).click();
  await expect(page).toHaveURL(/\/incidents\/[0-9a-f-]{36}\?saved=1$/);
  const path = new URL(page.url()).pathname;
  await signOut(page);
  return path;
}

/** As the coordinator, opens the send form from the incident at `path`. */
async function openSendForm(page: Page, path: string) {
  await signIn(page, 'coordinator@example.org');
  await page.goto(path);
  await hydrated(page);
  await page.getByRole('link', { name: 'Skicka arbetsorder' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Skicka arbetsorder' })).toBeVisible();
  await hydrated(page);
}

test('a dark path goes from the reporter to street and parks and comes back fixed', async ({ page }) => {
  const place = unique('Gångvägen');
  const incident = await logDarkPath(page, place);

  await openSendForm(page, incident);
  await expect(page.getByLabel('Vad är fel')).toHaveValue('lighting');
  const owner = page.getByLabel('Skicka till');
  await expect(owner.locator('option:checked')).toHaveText(`${STREETS} (föreslagen)`);
  await expect(page.getByLabel('Beskrivning till den som åtgärdar')).toHaveValue('Mörk gångväg, flera lampor trasiga.');
  await expect(page.getByText('Tid att åtgärda: 14 dagar.')).toBeVisible();
  await page.getByLabel('Brådskande').check();
  await expect(page.getByText('Tid att åtgärda: 3 dagar.')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Skicka arbetsorder' }).click();
  await expect(page.getByRole('status')).toHaveText('Arbetsordern är skickad.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Belysning – ${place}`);
  await expectAccessible(page);
  await signOut(page);

  await signIn(page, 'streets@example.org');
  await expect(page.getByRole('heading', { name: 'Öppna arbetsordrar' })).toBeVisible();
  await menu(page, 'Arbetsordrar');
  const card = page.locator('li.order-card').filter({ hasText: place });
  await expect(card).toContainText('Skickad');
  await expect(card).toContainText('Brådskande');
  await expectAccessible(page);
  // Nothing overdue for this order, so it comes before every order that is not late.
  const titles = await page.locator('li.order-card:not(.overdue) h2').allInnerTexts();
  expect(titles[0]).toBe(`Belysning – ${place}`);
  await card.getByRole('button', { name: /^Ta emot/ }).click();
  await expect(page.getByRole('status')).toHaveText('Sparat. Arbetsordern är nu: Mottagen');
  await expect(card).toContainText('Mottagen');
  await expect(card.getByRole('button', { name: /^Ta emot/ })).toHaveCount(0);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(wide, 'the queue scrolls sideways').toBeLessThanOrEqual(390);

  await card.getByRole('link').click();
  await hydrated(page);
  // A photo from the phone: a text file named like a picture is refused with a message, a
  // real picture is kept and shown.
  await expect(page.getByText('Fotografera platsen, inte personer.', { exact: false })).toBeVisible();
  await page.getByLabel('Foto', { exact: true }).setInputFiles({ name: 'lampa.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('inte en bild') });
  await page.getByRole('button', { name: 'Lägg till fotot' }).click();
  await expect(page.locator('#photo-error')).toHaveText('Filen är inte en JPEG-, PNG- eller WebP-bild.');
  await expect(page.locator('ul.photos img')).toHaveCount(0);
  await page.getByLabel('Foto', { exact: true }).setInputFiles({ name: 'lampa.png', mimeType: 'image/png', buffer: PNG });
  await page.getByRole('button', { name: 'Lägg till fotot' }).click();
  await expect(page.getByRole('status')).toHaveText('Fotot är sparat.');
  await expect(page.locator('ul.photos img')).toHaveCount(1);
  await expect(page.locator('ul.photos img')).toHaveJSProperty('complete', true);
  expect(await page.locator('ul.photos img').evaluate((i) => (i as HTMLImageElement).naturalWidth)).toBe(2);
  await hydrated(page);
  // Done without a note: said on the field, nothing changes.
  await page.getByLabel('Vad gjordes').fill('   ');
  await page.getByRole('button', { name: 'Markera som åtgärdad' }).click();
  await expect(page.locator('#done-note-error')).toHaveText('Fyll i det här fältet.');
  await expect(page.locator('dl.facts')).toContainText('Mottagen');
  await page.getByLabel('Vad gjordes').fill('Bytt tre armaturer längs gångvägen.');
  await page.getByRole('button', { name: 'Markera som åtgärdad' }).click();
  // While the page reloads, the upload's notice may still stand beside the step's.
  await expect(page.getByRole('status').filter({ hasText: 'Arbetsordern är nu' })).toHaveText('Sparat. Arbetsordern är nu: Åtgärdad');
  await expect(page.getByText('Fotot är sparat.')).toHaveCount(0);
  await expect(page.getByText('Arbetsordern är avslutad.')).toBeVisible();
  await expect(page.locator('ol.history')).toContainText('Mottagen → Åtgärdad');
  await expectAccessible(page);
  // A handler sees no incidents.
  await page.goto('/incidents');
  await expect(page.getByRole('alert')).toHaveText('Din roll får inte göra det här.');
  await signOut(page);

  await signIn(page, 'police@example.org');
  await page.goto(incident);
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
  await expect(page.getByText(`Åtgärdad av ${STREETS} ${today}`)).toBeVisible();
  await expectAccessible(page);
});

test('a tampered owner is refused with a message and nothing is sent', async ({ page }) => {
  const incident = await logDarkPath(page, unique('Tunneln'));
  await openSendForm(page, incident);
  await page.getByLabel('Skicka till').evaluate((select) => {
    const option = (select as HTMLSelectElement).selectedOptions[0];
    option.value = '0190d1a8-0000-7000-8000-000000000000';
  });
  await page.getByRole('button', { name: 'Skicka arbetsorder' }).click();
  await expect(page.locator('#owner_organisation_id-error')).toHaveText('Finns inte – välj i listan.');
  await expect(page.getByRole('alert')).toContainText('Inget har sparats');
  await page.goto(incident);
  await expect(page.getByRole('link', { name: 'Skicka arbetsorder' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Arbetsordrar' })).toHaveCount(0);
});

test("another organisation's order looks to a handler exactly like one that does not exist", async ({ page }) => {
  const incident = await logDarkPath(page, unique('Skolgården bak'));
  await openSendForm(page, incident);
  await page.getByLabel('Skicka till').selectOption({ label: 'Fastighetsavdelningen' });
  await page.getByRole('button', { name: 'Skicka arbetsorder' }).click();
  await expect(page.getByRole('status')).toHaveText('Arbetsordern är skickad.');
  const order = new URL(page.url()).pathname;
  await signOut(page);

  await signIn(page, 'streets@example.org');
  await page.goto(order);
  const foreign = await page.locator('main').innerText();
  await page.goto('/work-orders/0190d1a8-0000-7000-8000-000000000000');
  const missing = await page.locator('main').innerText();
  expect(foreign).toBe(missing);
  await expect(page.getByRole('alert')).toHaveText('Det du söker finns inte.');
});

test.describe('in English', () => {
  test.use({ locale: 'en-US' });

  test('the queue and an order read in English and pass axe', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill('streets@example.org');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await hydrated(page);
    await page.getByRole('link', { name: 'Show the work orders' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Work orders' })).toBeVisible();
    await expectAccessible(page);
    await page.locator('li.order-card h2 a').first().click();
    await expect(page.getByRole('term').filter({ hasText: 'To be fixed by' })).toBeVisible();
    await expectAccessible(page);
  });
});
