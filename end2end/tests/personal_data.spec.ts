// A pupil's name that slipped into an incident: the form warns as it is saved, the reporter
// keeps it by mistake and then asks the coordinators to remove it; the coordinator finds the
// request on the start page and removes the name from the incident and its history. On a
// phone.
import { test, expect, expectAccessible, hydrated, signIn, menu, openMenu } from './helpers';

test('a name that slipped into an incident is removed from it and from its history', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, 'police@example.org');
  await menu(page, 'Logga händelse');
  await hydrated(page);
  await page.getByLabel('Område').selectOption({ label: 'Rimbo' });
  await page.getByLabel('Plats', { exact: true }).fill('Idrottsplatsen');
  await page.getByLabel('Kategori').selectOption({ label: 'Klotter' });
  await page.getByLabel('Beskrivning').fill('Kalle Ek klottrade på omklädningsrummet.');
  await page.getByRole('button', { name: 'Spara händelsen' }).click();
  await expect(page.locator('#description-error')).toContainText('Det ser ut som ett namn – beskriv situationen, inte personen');
  await expectAccessible(page);
  // The slip: the reporter keeps the text anyway.
  await page.getByLabel('Texten pekar inte ut någon person – spara den som den är').check();
  await page.getByRole('button', { name: 'Spara händelsen' }).click();
  await expect(page.getByRole('status')).toHaveText('Händelsen är sparad.');
  const incident = new URL(page.url()).pathname;

  // ...and asks the coordinators to remove it, saying why, not what.
  await page.getByText('Be samordnarna ta bort personuppgifter').click();
  await page.getByLabel('Skäl').fill('Ett elevnamn kom med');
  await page.getByRole('button', { name: 'Skicka begäran' }).click();
  await expect(page.getByText('Begäran är skickad till samordnarna.')).toBeVisible();
  await openMenu(page);
  await page.getByRole('button', { name: 'Logga ut' }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  await signIn(page, 'coordinator@example.org');
  const requests = page.getByRole('region', { name: 'Begäran om att ta bort personuppgifter' });
  await expect(requests).toContainText('Polisen Norrtälje');
  await expect(page.getByRole('region', { name: 'Sparat trots namnvarning' })).toContainText('Polisen Norrtälje: 1');
  await hydrated(page);
  await requests.getByRole('link', { name: /Rimbo, Idrottsplatsen/ }).click();
  await expect(page).toHaveURL(incident);
  await expect(page.getByText('Ett elevnamn kom med')).toBeVisible();
  await page.getByLabel('Texten som ska bort, exakt som den står').fill('Kalle Ek');
  await page.getByLabel('Skäl', { exact: true }).fill('Elevens namn');
  await page.getByRole('button', { name: 'Ta bort för alltid' }).click();
  await expect(page.getByText('Personuppgifterna är borttagna, också ur historiken och sökningen.')).toBeVisible();
  await expect(page.locator('p.description')).toHaveText('[borttaget av samordnare] klottrade på omklädningsrummet.');
  await expect(page.locator('main')).not.toContainText('Kalle Ek');
  const history = page.locator('ol.history > li');
  await expect(history.last()).toContainText('Borttagning av personuppgifter');
  await expect(history.last()).toContainText('Borttaget: en del av beskrivningen');
  await expect(history.last()).toContainText('Skäl: Elevens namn');
  await expect(page.getByText('Ett elevnamn kom med')).toHaveCount(0);
  const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  await expectAccessible(page);
});
