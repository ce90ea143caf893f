import { test, expect, expectAccessible, hydrated, signIn, unique } from './helpers';

test('a coordinator turns an incident into an action and the owning organisation closes it', async ({ page }) => {
  await signIn(page, 'coordinator@example.org');
  await page.goto('/incidents');
  await page.locator('table.incidents tbody tr a').first().click();
  await page.getByRole('link', { name: 'Skapa åtgärd' }).click();
  await hydrated(page);
  await expectAccessible(page);

  const title = unique('Röj buskage vid gångvägen');
  const due = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel('Rubrik').fill(title);
  await page.getByLabel('Ansvarig organisation').selectOption({ label: 'Polisen Norrtälje' });
  await page.getByLabel('Klart senast').fill(due);
  await page.getByRole('button', { name: 'Skapa åtgärd' }).click();
  await expect(page.getByRole('status')).toHaveText('Åtgärden är sparad.');
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Kopplade händelser' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Logga ut' }).click();

  await signIn(page, 'police@example.org');
  await page.getByRole('link', { name: 'Åtgärder' }).click();
  await page.getByRole('link', { name: 'Min organisations' }).click();
  await page.getByRole('link', { name: title }).click();
  await hydrated(page);
  await page.getByLabel('Läge').selectOption({ label: 'Inte genomförd' });
  await page.getByRole('button', { name: 'Spara' }).click();
  await expect(page.locator('#note-error')).toHaveText('Fyll i det här fältet.');
  await page.getByLabel('Anteckning').fill('Marken ägs av en privat fastighetsägare som sade nej.');
  await page.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByText('Åtgärden är avslutad och kan inte ändras.')).toBeVisible();
  await expect(page.locator('ol.history > li')).toHaveCount(2);
  await expectAccessible(page);

  await page.goto('/actions?scope=mine');
  await expect(page.getByRole('link', { name: title })).toHaveCount(0);
  await page.goto('/actions?scope=all');
  await expect(page.getByRole('link', { name: title })).toHaveCount(1);
});
