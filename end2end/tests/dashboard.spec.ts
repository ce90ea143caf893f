import { test, expect, expectAccessible, hydrated, signIn, menu, PASSWORD } from './helpers';

test('a manager sees whole quarters and years with a legend, and the yearly report', async ({ page }) => {
  await signIn(page, 'manager@example.org');
  await menu(page, 'Översikt');
  await expect(page.getByRole('heading', { name: 'Översikt', level: 1 })).toBeVisible();
  // One legend says what every symbol means.
  const legend = page.getByRole('region', { name: 'Så läser du siffrorna' });
  await expect(legend).toContainText('<3');
  await expect(legend).toContainText('dolt');
  await expect(legend).toContainText('Veckan och kvartalet som pågår visas inte.');
  // No weekly figures and no filter: every area is in the table of whole quarters.
  await expect(page.getByRole('img', { name: /Händelser per vecka/ })).toHaveCount(0);
  await expect(page.getByLabel('Område', { exact: true })).toHaveCount(0);
  const areas = page.getByRole('table', { name: 'Händelser per område och kvartal' });
  await expect(areas.getByRole('row', { name: /^Hela kommunen/ })).toContainText(/\d+/);
  await expect(areas.getByRole('columnheader', { name: /^Helår \d{4}$/ }).first()).toBeVisible();
  await expect(page.getByRole('table', { name: 'Händelser per kategori i hela kommunen' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Platser med upprepade händelser \d{4}$/ })).toBeVisible();
  await expect(page.getByText('Inga bedömningar ännu. Tätorterna bedöms på lägesbildsmötet.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Ladda ner som CSV' })).toHaveCount(0);
  // Every heading says something of its own.
  for (const selector of ['main h1, main h2, main h3', 'main figcaption']) {
    const texts = (await page.locator(selector).allInnerTexts()).map((h) => h.trim());
    expect(texts.filter((h, i) => texts.indexOf(h) !== i), selector).toEqual([]);
  }
  await hydrated(page);
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Årsrapport' }).click();
  await expect(page.getByRole('heading', { name: /Årsrapport \d{4}/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: '1. Händelser per område och kvartal' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '2. Händelser per kategori i hela kommunen' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '3. Åtgärder efter utfall' })).toBeVisible();
  // Each area's categories are for exact roles only.
  await expect(page.getByRole('heading', { name: '6. Per område och kategori' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Skriv ut årsrapporten' })).toBeVisible();
  await expectAccessible(page);
  // The yearly report downloads as CSV, for the manager too (with the same hidden counts).
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Ladda ner årsrapporten som CSV' }).click();
  expect((await download).suggestedFilename()).toMatch(/^arsrapport-\d{4}-\d{4}-\d\d-\d\d\.csv$/);

  // No incident list in the menu, and the list itself refuses.
  await expect(page.getByRole('link', { name: 'Händelser', exact: true })).toHaveCount(0);
  const response = await page.goto('/incidents');
  expect(response?.status()).toBe(403);
  await expect(page.getByText(/Beskrivning/)).toHaveCount(0);
});

test.describe('a manager who reads English', () => {
  test.use({ locale: 'en-US' });

  test('gets the same tables and legend in English', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill('manager@example.org');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await hydrated(page);
    await page.getByRole('link', { name: 'Dashboard' }).first().click();
    const legend = page.getByRole('region', { name: 'How to read the figures' });
    await expect(legend).toContainText('hidden');
    const areas = page.getByRole('table', { name: 'Incidents per area and quarter' });
    await expect(areas.getByRole('row', { name: /^Whole municipality/ })).toBeVisible();
    await expect(areas.getByRole('columnheader', { name: /^Q1 \d{4}$/ }).first()).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Yearly report' }).click();
    await expect(page.getByRole('heading', { name: '3. Actions by outcome' })).toBeVisible();
    await expectAccessible(page);
  });
});

test('a coordinator sees exact figures and each area\'s categories in the yearly report', async ({ page }) => {
  await signIn(page, 'coordinator@example.org');
  await menu(page, 'Översikt');
  await expect(page.getByRole('img', { name: /Händelser per vecka/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Så läser du siffrorna' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Årsrapport' }).click();
  await expect(page.getByRole('heading', { name: '6. Per område och kategori' })).toBeVisible();
  await expect(page.getByText('dolt', { exact: true })).toHaveCount(0);
  await expectAccessible(page);
});

test('a coordinator downloads a chart as CSV', async ({ page }) => {
  await signIn(page, 'coordinator@example.org');
  await page.goto('/dashboard');
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Ladda ner som CSV' }).first().click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^oversikt-weeks-\d{4}-\d\d-\d\d\.csv$/);
});
