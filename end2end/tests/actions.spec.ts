import { test, expect, expectAccessible, hydrated, signIn, unique, menu, api, organisationId } from './helpers';

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
  await menu(page, 'Åtgärder');
  await page.getByRole('link', { name: 'Min organisation' }).click();
  await page.getByRole('link', { name: title }).click();
  await hydrated(page);
  // A saved state stays chosen, so saving again never undoes it; the history is in words.
  await page.getByLabel('Läge').selectOption({ label: 'Pågår' });
  await page.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByRole('status')).toHaveText('Sparat. Läget är nu: Pågår');
  await expect(page.getByLabel('Läge')).toHaveValue('in_progress');
  await expect(page.locator('ol.history')).toContainText('Öppen → Pågår');
  await expect(page.locator('ol.history')).not.toContainText('in_progress');
  await page.getByLabel('Anteckning').fill('Väntar på svar från fastighetsägaren.');
  await page.getByRole('button', { name: 'Spara' }).click();
  await expect(page.locator('ol.history > li')).toHaveCount(3);
  await expect(page.getByLabel('Läge')).toHaveValue('in_progress');
  await page.getByLabel('Läge').selectOption({ label: 'Inte genomförd' });
  await page.getByRole('button', { name: 'Spara' }).click();
  await expect(page.locator('#note-error')).toHaveText('Fyll i det här fältet.');
  await page.getByLabel('Anteckning').fill('Marken ägs av en privat fastighetsägare som sade nej.');
  await page.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByText('Åtgärden är avslutad och kan inte ändras.')).toBeVisible();
  await expect(page.locator('ol.history > li')).toHaveCount(4);
  await expectAccessible(page);

  await page.goto('/actions?scope=mine');
  await expect(page.getByRole('link', { name: title })).toHaveCount(0);
  await page.goto('/actions?scope=all');
  await expect(page.getByRole('link', { name: title })).toHaveCount(1);
});

test('a long list of actions comes fifty at a time, forward and back to the start', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, 'coordinator@example.org');
  await hydrated(page);
  // 55 actions, each decided and done: the history ("Alla") then runs past one page.
  const prefix = unique('Avslutad städning');
  const police = await organisationId(page, 'Polisen Norrtälje');
  const due = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  for (let i = 0; i < 55; i++) {
    const id = await api(page, '/api/actions/create', { title: `${prefix} ${i}`, owner_organisation_id: police, due });
    await api(page, '/api/actions/state', { id, state: 'done', note: '' });
  }

  await menu(page, 'Åtgärder');
  await page.getByRole('link', { name: 'Alla, även avslutade' }).click();
  await expect(page.getByRole('link', { name: 'Alla, även avslutade' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByText(/^\d+ åtgärder · 50 per sida$/)).toBeVisible();
  const rows = page.locator('table.incidents tbody tr');
  await expect(rows).toHaveCount(50);
  const first = await rows.first().locator('a').textContent();
  await expect(page.getByRole('link', { name: 'Till början av listan' })).toHaveCount(0);
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Fler åtgärder' }).click();
  await expect(page).toHaveURL(/scope=all&after=/);
  await expect(page.getByRole('link', { name: 'Till början av listan' })).toBeVisible();
  await expect(rows.first().locator('a')).not.toHaveText(first ?? '');
  // The tab still says which list this is; nothing scrolls sideways on a phone.
  await expect(page.getByRole('link', { name: 'Alla, även avslutade' })).toHaveAttribute('aria-current', 'page');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Till början av listan' }).click();
  await expect(page).toHaveURL(/\/actions\?scope=all$/);
  await expect(rows.first().locator('a')).toHaveText(first ?? '');
});
