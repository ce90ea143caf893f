import { test, expect, expectAccessible, hydrated, signIn, unique, menu } from './helpers';

/** ISO week (`2026-W36`) of the date `daysAgo` days before today. */
function isoWeek(daysAgo: number): string {
  const d = new Date(Date.now() - daysAgo * 86_400_000);
  const t = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = new Date(Date.UTC(t.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((t.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7);
  return `${t.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

test('a reporter sends an explicit nollrapport for a quiet week', async ({ page }) => {
  await signIn(page, 'school@example.org');
  // Before the demo's history (from week 1 two years back): nothing was logged then.
  const week = isoWeek(160 * 7);
  await page.goto(`/reports?week=${week}`);
  await hydrated(page);
  await expect(page.getByText('Er organisation har inte loggat några händelser')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Skicka nollrapport – inget att rapportera' }).click();
  await expect(page.getByText('Nollrapport skickad: inget att rapportera den här veckan.')).toBeVisible();
  await expect(page.getByRole('button', { name: /Skicka/ })).toHaveCount(0);
  await page.reload();
  await expect(page.getByText('Nollrapport skickad: inget att rapportera den här veckan.')).toBeVisible();
});

test('the coordinator sees which organisations have reported and whom to call', async ({ page }) => {
  await signIn(page, 'police@example.org');
  await page.goto('/reports');
  await hydrated(page);
  await page.getByRole('button', { name: /Skicka veckorapporten \(\d+\)/ }).click();
  await expect(page.getByText('Veckorapport skickad med veckans händelser.')).toBeVisible();
  await page.getByRole('button', { name: 'Logga ut' }).click();

  await signIn(page, 'coordinator@example.org');
  await menu(page, 'Rapportläge');
  await expect(page.getByRole('heading', { level: 1, name: 'Rapportläge' })).toBeVisible();
  const lastWeek = page.locator('section').nth(1);
  await expect(lastWeek.getByRole('row', { name: /Polisen Norrtälje/ })).toContainText('Rapporterat');
  await expect(lastWeek.getByRole('row', { name: /Utbildningsförvaltningen/ })).toContainText('school@example.org');
  await expectAccessible(page);
});

test('the coordinator searches the audit log and finds the export', async ({ page }) => {
  await signIn(page, 'coordinator@example.org');
  await page.goto('/incidents');
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Exportera som CSV' }).click();
  expect((await download).suggestedFilename()).toMatch(/^handelser-\d{4}-\d{2}-\d{2}\.csv$/);

  await page.goto('/audit');
  await page.getByLabel('Användare').selectOption({ label: 'Cecilia Samordnare (Trygg i Norrtälje Kommun)' });
  await page.getByRole('button', { name: 'Sök' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Exporterade' }).first()).toBeVisible();
  await expectAccessible(page);
});

test.describe('the personal-data guard', () => {
  test('refuses a personnummer in the description in the browser, keeping the text', async ({ page }) => {
    await signIn(page, 'police@example.org');
    await page.goto('/incidents/new');
    await hydrated(page);
    await page.getByLabel('Område').selectOption({ label: 'Rimbo' });
    await page.getByLabel('Plats').fill('Torget');
    await page.getByLabel('Kategori').selectOption({ label: 'Hot eller våld' });
    const text = 'Pojken 811218-9876 hotade en annan elev vid torget';
    await page.getByLabel('Beskrivning').fill(text);
    await page.getByRole('button', { name: 'Spara händelsen' }).click();
    await expect(page.locator('#description-error')).toHaveText(
      'Texten innehåller något som ser ut som ett personnummer (vid tecken 8). ' +
        'Beskriv platsen och situationen, inte personen. Inget har sparats.',
    );
    await expect(page.getByLabel('Beskrivning')).toHaveValue(text);
    await expect(page).toHaveURL(/\/incidents\/new$/);
    await expectAccessible(page);
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('the server refuses a phone number and stores nothing', async ({ page }) => {
      await signIn(page, 'police@example.org');
      await page.goto('/incidents/new');
      const place = unique('Parkeringen');
      await page.getByLabel('Område').selectOption({ label: 'Rimbo' });
      await page.getByLabel('Plats').fill(place);
      await page.getByLabel('Kategori').selectOption({ label: 'Klotter' });
      await page.getByLabel('Beskrivning').fill('Ring ägaren på 070-123 45 67 om klottret');
      await page.getByRole('button', { name: 'Spara händelsen' }).click();
      await expect(page.locator('#description-error')).toContainText('ett telefonnummer (vid tecken 16)');
      expect(page.url()).not.toContain('070');
      await page.goto('/incidents');
      await expect(page.getByText(place)).toHaveCount(0);
    });
  });
});
