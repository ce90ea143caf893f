import { test, expect, expectAccessible, hydrated, signIn, menu } from './helpers';

test('a manager sees the dashboard and cannot open incident descriptions', async ({ page }) => {
  await signIn(page, 'manager@example.org');
  await menu(page, 'Översikt');
  await expect(page.getByRole('heading', { name: 'Översikt', level: 1 })).toBeVisible();
  await expect(page.getByRole('img', { name: /Händelser per vecka/ })).toBeVisible();
  // One legend says what every symbol means, and that the week in progress is left out.
  await expect(page.getByText(/”<3” betyder en eller två.*”–” betyder att uppgifter saknas\. Veckan som pågår visas inte\./)).toBeVisible();
  await expect(page.getByRole('link', { name: 'Ladda ner som CSV' })).toHaveCount(0);
  await hydrated(page);
  await expectAccessible(page);

  // Filter by area: the URL carries the filter and the page answers it.
  await page.getByLabel('Område', { exact: true }).selectOption({ label: 'Rimbo' });
  await page.getByRole('button', { name: 'Filtrera' }).click();
  await expect(page).toHaveURL(/area=[0-9a-f-]{36}/);
  await expect(page.getByRole('img', { name: /Per område/ })).toContainText('Rimbo');

  await page.getByRole('link', { name: 'Årsrapport' }).click();
  await expect(page.getByRole('heading', { name: /Årsrapport \d{4}/ })).toBeVisible();
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

test('a coordinator downloads a chart as CSV', async ({ page }) => {
  await signIn(page, 'coordinator@example.org');
  await page.goto('/dashboard');
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Ladda ner som CSV' }).first().click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^oversikt-weeks-\d{4}-\d\d-\d\d\.csv$/);
});
