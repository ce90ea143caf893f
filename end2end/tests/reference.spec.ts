// Reference data that lives: the form asks "Menade du …?" before a near-duplicate place is
// made; a coordinator merges the duplicate a reporter typed anyway, and the old name then
// leads to the kept place; an admin retires a category and brings it back; someone who left
// the directory comes back.
import { test, expect, expectAccessible, hydrated, signIn, menu, openMenu } from './helpers';
import type { Page } from '@playwright/test';

async function noSidewaysScroll(page: Page) {
  const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(width).toBeLessThanOrEqual(page.viewportSize()!.width);
}

async function logIn(page: Page, place: string) {
  await page.getByLabel('Område').selectOption({ label: 'Rimbo' });
  await page.getByLabel('Plats', { exact: true }).fill(place);
  await page.getByLabel('Kategori').selectOption({ label: 'Klotter' });
  await page.getByLabel('Beskrivning').fill('Klotter på väggen vid entrén.');
}

test('a near-duplicate place is caught as it is typed, and merged by a coordinator when it slips through', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, 'police@example.org');
  await menu(page, 'Logga händelse');
  await hydrated(page);
  await page.getByLabel('Område').selectOption({ label: 'Rimbo' });
  await expect(page.locator('#place-options option[value="Rimbo centrum"]')).toHaveCount(1);
  await page.getByLabel('Plats', { exact: true }).fill('Rimbo-Centrum');
  await expect(page.getByText('Menade du ”Rimbo centrum”?')).toBeVisible();
  await page.getByRole('button', { name: 'Använd ”Rimbo centrum”' }).click();
  await expect(page.getByLabel('Plats', { exact: true })).toHaveValue('Rimbo centrum');
  await expect(page.getByText('Menade du')).toHaveCount(0);
  await expectAccessible(page);

  // A typo saved anyway becomes a new place, waiting for the coordinator.
  await logIn(page, 'Rimbo centrm');
  await expect(page.getByText('Menade du ”Rimbo centrum”?')).toBeVisible();
  await page.getByRole('button', { name: 'Spara händelsen' }).click();
  await expect(page.getByRole('status')).toHaveText('Händelsen är sparad.');
  await openMenu(page);
  await page.getByRole('button', { name: 'Logga ut' }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  await signIn(page, 'coordinator@example.org');
  await menu(page, 'Platser');
  await expect(page.getByText('Nya platser att granska:')).toBeVisible();
  // Other tests type new places in Rimbo too: however many wait there.
  const waiting = page.getByRole('link', { name: /^Rimbo \(\d+\)$/ });
  const before = Number((await waiting.textContent())!.match(/\d+/)![0]);
  await waiting.click();
  await expect(page.getByRole('heading', { name: /^Rimbo: \d+ platser$/ })).toBeVisible();
  const card = (name: string) => page.locator('li.place-card', { has: page.locator('p > strong', { hasText: new RegExp(`^${name}$`) }) });
  const typo = card('Rimbo centrm');
  await expect(typo).toContainText('Ny');
  await typo.getByText('Slå ihop med en annan plats').click();
  await typo.getByLabel('Platsen som finns kvar').selectOption({ label: 'Rimbo centrum' });
  await typo.getByRole('button', { name: 'Visa vad som flyttas' }).click();
  await expect(typo).toContainText('1 händelse och 0 åtgärder flyttas från ”Rimbo centrm” till ”Rimbo centrum”.');
  await noSidewaysScroll(page);
  await expectAccessible(page);
  await typo.getByRole('button', { name: 'Slå ihop med ”Rimbo centrum”' }).click();

  const kept = card('Rimbo centrum');
  await expect(kept.getByRole('status')).toHaveText('”Rimbo centrm” är sammanslagen hit: 1 händelse och 0 åtgärder flyttades, och namnet leder nu hit.');
  await expect(kept).toContainText('Leder också hit: Rimbo centrm');
  await expect(card('Rimbo centrm')).toHaveCount(0);
  // One fewer waits in Rimbo.
  if (before > 1) await expect(waiting).toHaveText(`Rimbo (${before - 1})`);
  else await expect(waiting).toHaveCount(0);
  await noSidewaysScroll(page);
});

test('an admin retires a category, which leaves the incident form, and brings it back', async ({ page, browser }) => {
  await signIn(page, 'admin@example.org');
  await menu(page, 'Administration');
  const row = page.locator('section', { hasText: 'Kategorier' }).locator('li', { has: page.locator('input[value="Nedskräpning"]') });
  await row.getByRole('button', { name: 'Avveckla Nedskräpning' }).click();
  await expect(row.getByRole('status')).toContainText('Avvecklad: visas inte längre i formulären.');
  await expect(row).toContainText('Avvecklad');
  await expectAccessible(page);

  const reporter = await (await browser.newContext()).newPage();
  await signIn(reporter, 'police@example.org');
  await reporter.goto('/incidents/new');
  await hydrated(reporter);
  await expect(reporter.getByLabel('Kategori').locator('option', { hasText: 'Nedskräpning' })).toHaveCount(0);
  await expect(reporter.getByLabel('Kategori').locator('option', { hasText: 'Klotter' })).toHaveCount(1);

  await row.getByRole('button', { name: 'Återinför Nedskräpning' }).click();
  await expect(row.getByRole('status')).toHaveText('Återinförd.');
  await reporter.reload();
  await hydrated(reporter);
  await expect(reporter.getByLabel('Kategori').locator('option', { hasText: 'Nedskräpning' })).toHaveCount(1);
});

test('a coordinator brings back someone who left the directory', async ({ page }) => {
  await signIn(page, 'coordinator@example.org');
  await menu(page, 'Kontaktlista');
  const left = page.getByRole('region', { name: 'Har slutat' });
  await expect(left).toBeVisible();
  const first = left.locator('li').first();
  const name = (await first.textContent())!.split(',')[0].trim();
  await first.getByRole('button', { name: /^Aktivera igen/ }).click();
  await expect(page.getByText('Kontakten är sparad.')).toBeVisible();
  await expect(page.locator('.contact-card', { hasText: name }).first()).toBeVisible();
  await expectAccessible(page);
});
