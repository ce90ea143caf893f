// A safety walk on a phone, as the issue tells it: the coordinator plans a walk, records what
// is seen place by place on a weak connection (nothing typed is lost, nothing is stored twice),
// turns chosen observations into work orders in one step, closes the walk and prints the report.
import { test, expect, expectAccessible, hydrated, menu, signIn, unique } from './helpers';
import type { Page } from '@playwright/test';

test.use({ viewport: { width: 390, height: 844 } });

const STREETS = 'Gatu- och parkavdelningen';
// A 2×2 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGM4kWIERAwQCgAorgV5QuEn7gAAAABJRU5ErkJggg==',
  'base64',
);

function today(): string {
  return new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
}

/** As the coordinator, plans a walk in Rimbo today through the menu; ends on its page. */
async function planWalk(page: Page) {
  await signIn(page, 'coordinator@example.org');
  await menu(page, 'Trygghetsvandringar');
  await expect(page.getByRole('heading', { level: 1, name: 'Trygghetsvandringar' })).toBeVisible();
  await hydrated(page);
  await page.getByLabel('Område').selectOption({ label: 'Rimbo' });
  await page.getByLabel('Dag').fill(today());
  await page.getByLabel('Deltagare').fill('Polisen, fritidsgården och två boende');
  await page.getByRole('button', { name: 'Planera en trygghetsvandring' }).click();
  await expect(page).toHaveURL(/\/walks\/[0-9a-f-]{36}\?saved=planned$/);
  await expect(page.getByRole('status').first()).toHaveText(/Vandringen är planerad/);
  await hydrated(page);
}

/** Types one observation into the form and saves it. */
async function observe(page: Page, place: string, kind: string, note: string) {
  await page.getByLabel('Plats').fill(place);
  await page.getByLabel('Vad gäller det?').selectOption({ label: kind });
  await page.getByLabel('Vad ni ser').fill(note);
  await page.getByRole('button', { name: 'Spara iakttagelsen' }).click();
}

const observations = (page: Page) => page.locator('ol.observations > li');

test('a walk is recorded on a weak connection and its observations become orders', async ({ page, context }) => {
  await planWalk(page);
  await expectAccessible(page);
  const tunnel = unique('Gångtunneln');
  await observe(page, tunnel, 'Belysning', 'Två lampor trasiga, mörkt hela tunneln.');
  await expect(observations(page).filter({ hasText: tunnel })).toHaveCount(1);
  await expect(page.getByText('Iakttagelsen är sparad.')).toBeVisible();
  // Ready for the next one: the note is empty, the place stays (the next is often close by).
  await expect(page.getByLabel('Vad ni ser')).toHaveValue('');
  await expect(page.getByLabel('Plats')).toHaveValue(tunnel);

  // No connection: two observations wait on the phone and go when it is back, once each.
  await context.setOffline(true);
  const bench = unique('Parkbänken');
  const path = unique('Gångvägen');
  await observe(page, bench, 'Skadad utrustning', 'Bänken är sönder, spik sticker ut.');
  await observe(page, path, 'Vegetation', 'Buskar skymmer hela gångvägen.');
  const drafts = page.locator('section.drafts li');
  await expect(drafts).toHaveCount(2);
  await expect(drafts.first()).toContainText('Väntar på nät');
  await expectAccessible(page);
  await context.setOffline(false);
  await expect(drafts).toHaveCount(0);
  await expect(observations(page).filter({ hasText: bench })).toHaveCount(1);
  await expect(observations(page).filter({ hasText: path })).toHaveCount(1);

  // The answer is lost on the way back: the server has it, the phone tries again, and it is
  // still stored once. "Försök igen nu" is pressed while that first send is still out: it
  // is not lost, the draft goes again as soon as the send fails.
  let lost = false;
  let pressed = () => {};
  const retried = new Promise<void>((resolve) => { pressed = resolve; });
  await page.route('**/api/walks/observe', async (route) => {
    if (lost) return route.continue();
    lost = true;
    await route.fetch();
    await retried;
    await route.abort('failed');
  });
  const sign = unique('Skylten');
  await observe(page, sign, 'Klotter', 'Klotter på skylten vid infarten.');
  await expect(drafts).toHaveCount(1);
  await page.getByRole('button', { name: 'Försök igen nu' }).click();
  pressed();
  await expect(drafts).toHaveCount(0);
  await expect(observations(page).filter({ hasText: sign })).toHaveCount(1);
  await page.unroute('**/api/walks/observe');

  // Refused: a name in the note. It stays, says why, and comes back into the form to correct.
  const yard = unique('Skolgården');
  await observe(page, yard, 'Nedskräpning', 'Anna Svensson säger att det är skräpigt.');
  await expect(drafts).toHaveCount(1);
  await expect(drafts.first()).toContainText('Inte sparad');
  await drafts.first().getByRole('button', { name: 'Rätta' }).click();
  await expect(page.getByLabel('Vad ni ser')).toHaveValue('Anna Svensson säger att det är skräpigt.');
  await page.getByLabel('Vad ni ser').fill('Mycket skräp vid cykelstället.');
  await page.getByRole('button', { name: 'Spara iakttagelsen' }).click();
  await expect(observations(page).filter({ hasText: yard })).toHaveCount(1);
  await expect(drafts).toHaveCount(0);

  // A slip is removed; "Ångra" brings it back, and it can be removed again.
  const removeSign = () => observations(page).filter({ hasText: sign }).getByRole('button', { name: /^Ta bort/ }).click();
  await removeSign();
  await expect(page.getByText('Iakttagelsen är borttagen.')).toBeVisible();
  await expect(observations(page).filter({ hasText: sign })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Ångra' })).toBeFocused();
  await page.getByRole('button', { name: 'Ångra' }).click();
  await expect(page.getByText('Återställt.')).toBeVisible();
  await expect(observations(page).filter({ hasText: sign })).toHaveCount(1);
  await removeSign();
  await expect(observations(page).filter({ hasText: sign })).toHaveCount(0);

  // A photo of the tunnel from the phone's camera, on the observation.
  const tunnelItem = observations(page).filter({ hasText: tunnel });
  await tunnelItem.getByText(`Lägg till foto: ${tunnel}`).click();
  await tunnelItem.getByLabel('Foto').setInputFiles({ name: 'tunnel.png', mimeType: 'image/png', buffer: PNG });
  await tunnelItem.getByRole('button', { name: 'Lägg till fotot' }).click();
  await expect(page).toHaveURL(/photo=saved/);
  await expect(tunnelItem.getByText('Fotot är sparat.')).toBeVisible();
  await expect(tunnelItem.getByRole('img')).toHaveCount(1);
  await hydrated(page);

  // Two chosen observations become orders in one press; a ticked one needs an owner.
  const row = (place: string) => page.locator('fieldset.to-order').filter({ hasText: place });
  await row(tunnel).getByRole('checkbox').check();
  await row(bench).getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Gör arbetsordrar' }).click();
  await expect(row(tunnel).getByText('Välj vem som ska åtgärda den.')).toBeVisible();
  await row(tunnel).getByLabel('Skicka till').selectOption({ label: STREETS });
  await row(bench).getByLabel('Skicka till').selectOption({ label: STREETS });
  await page.getByRole('button', { name: 'Gör arbetsordrar' }).click();
  await expect(page.getByText('Arbetsordrarna är skickade.')).toBeVisible();
  await expect(observations(page).filter({ hasText: tunnel })).toContainText(`Arbetsorder: Skickad (${STREETS})`);
  await expect(row(path)).toHaveCount(1);
  await expect(row(tunnel)).toHaveCount(0);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(wide, 'the walk scrolls sideways').toBeLessThanOrEqual(390);
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Avsluta vandringen' }).click();
  await expect(page.getByRole('button', { name: 'Öppna vandringen igen' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Spara iakttagelsen' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Rapport från vandringen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Rapport från vandringen – Rimbo');
  await expect(page.locator('ol.walk-report > li').filter({ hasText: tunnel })).toContainText(`Arbetsorder till ${STREETS}: Skickad`);
  await expect(page.locator('ol.walk-report > li').filter({ hasText: path })).toContainText('Ingen arbetsorder');
  await expectAccessible(page);
});

test('drafts typed without a connection survive a reload', async ({ page }) => {
  await planWalk(page);
  await page.route('**/api/walks/observe', (route) => route.abort('internetdisconnected'));
  const post = unique('Lyktstolpen');
  await observe(page, post, 'Belysning', 'Lyktstolpen blinkar och slocknar.');
  await expect(page.locator('section.drafts li')).toHaveCount(1);
  await page.unroute('**/api/walks/observe');
  await page.reload();
  await hydrated(page);
  await expect(observations(page).filter({ hasText: post })).toHaveCount(1);
  await expect(page.locator('section.drafts li')).toHaveCount(0);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('an observation is a plain form post that comes back to the walk', async ({ page }) => {
    await signIn(page, 'police@example.org');
    await page.goto('/walks');
    await page.getByRole('link', { name: /^Norrtälje / }).first().click();
    const place = unique('Hamnplan');
    await observe(page, place, 'Nedskräpning', 'Fulla papperskorgar längs kajen.');
    await expect(page).toHaveURL(/\?saved=observed/);
    await expect(page.getByText('Iakttagelsen är sparad.')).toBeVisible();
    await expect(observations(page).filter({ hasText: place })).toHaveCount(1);
  });
});

test('a draft waits while the coordinator has the walk closed, and goes when it opens', async ({ page, browser }) => {
  await planWalk(page);
  const walk = new URL(page.url()).pathname;
  // The coordinator closes it in another browser while the reporter's phone is offline.
  const police = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'sv-SE' });
  const phone = await police.newPage();
  await signIn(phone, 'police@example.org');
  await phone.goto(walk);
  await hydrated(phone);
  await police.setOffline(true);
  const gate = unique('Grinden');
  await observe(phone, gate, 'Skadad utrustning', 'Grinden går inte att stänga.');
  await expect(phone.locator('section.drafts li')).toHaveCount(1);
  await page.getByRole('button', { name: 'Avsluta vandringen' }).click();
  await expect(page.getByRole('button', { name: 'Öppna vandringen igen' })).toBeVisible();
  await police.setOffline(false);
  await expect(phone.getByText(/Vandringen är avslutad\. Iakttagelserna ligger kvar/)).toBeVisible();
  await expect(phone.locator('section.drafts li')).toHaveCount(1);
  // After a reload the closed walk still shows what waits on this phone.
  await phone.reload();
  await hydrated(phone);
  await expect(phone.getByText('Vandringen är avslutad: inga fler iakttagelser kan antecknas.')).toBeVisible();
  await expect(phone.locator('section.drafts li')).toContainText(gate);
  await page.getByRole('button', { name: 'Öppna vandringen igen' }).click();
  await expect(page.getByRole('button', { name: 'Avsluta vandringen' })).toBeVisible();
  await phone.getByRole('button', { name: 'Försök igen nu' }).click();
  await expect(phone.locator('section.drafts li')).toHaveCount(0);
  await page.reload();
  await expect(observations(page).filter({ hasText: gate })).toHaveCount(1);
  await police.close();
});
