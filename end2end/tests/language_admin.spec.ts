import { test, expect, expectAccessible, hydrated, signIn, unique } from './helpers';

test.describe('a browser that prefers English', () => {
  test.use({ locale: 'en-US' });

  test('gets the interface in English', async ({ page }) => {
    await page.goto('/sign-in');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByLabel('Email address')).toBeVisible();
    await expectAccessible(page);
  });
});

test('a user can switch the language and it stays switched', async ({ page }) => {
  await signIn(page, 'police@example.org');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.goto('/incidents');
  await expect(page.getByRole('heading', { name: 'Incidents', exact: true })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Svenska' }).click();
  await expect(page.getByRole('button', { name: 'Logga ut' })).toBeVisible();
});

test('an admin adds a category and renames it, and reporters can use it', async ({ page }) => {
  await signIn(page, 'admin@example.org');
  await page.goto('/admin');
  await hydrated(page);
  await expectAccessible(page);

  const name = unique('Kategori');
  const form = page.locator('form.add-form').filter({ has: page.getByLabel('Namn (svenska)') });
  await form.getByLabel('Namn (svenska)').fill(name);
  await form.getByLabel('Namn (engelska)').fill('Test category');
  await form.getByRole('button', { name: 'Lägg till' }).click();
  const row = page.getByRole('listitem').filter({ has: page.getByLabel(`Namn (svenska) ${name}`) });
  await expect(row).toHaveCount(1);

  const renamed = name + ' ny';
  await row.getByLabel(`Namn (svenska) ${name}`).fill(renamed);
  await row.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByLabel(`Namn (svenska) ${renamed}`)).toHaveCount(1);

  await page.getByRole('button', { name: 'Logga ut' }).click();
  await signIn(page, 'police@example.org');
  await page.goto('/incidents/new');
  await expect(page.getByLabel('Kategori').locator('option', { hasText: renamed })).toHaveCount(1);
});

test('a reporter cannot open the administration', async ({ page }) => {
  await signIn(page, 'police@example.org');
  await page.goto('/admin');
  await expect(page.getByRole('alert')).toHaveText('Din roll får inte göra det här.');
  const res = await page.request.post('/api/admin/area', { form: { id: '', name: 'Smygområde' } });
  expect(res.status()).toBe(403);
});
