import { test, expect, expectAccessible, signIn, PASSWORD } from './helpers';

test('a signed-out visitor is sent to the sign-in page and cannot read incidents', async ({ page }) => {
  await page.goto('/incidents');
  await expect(page).toHaveURL(/\/sign-in\?next=\/incidents$/);
  await expect(page.getByRole('heading', { name: 'Logga in' })).toBeVisible();
  await expect(page.getByText('Händelser')).toHaveCount(0);
  await expectAccessible(page);

  const res = await page.request.post('/api/incidents/list', { form: {} });
  expect(res.status()).toBe(401);
});

test('a wrong password gets one message that does not reveal whether the email exists', async ({ page }) => {
  const messages: string[] = [];
  for (const email of ['police@example.org', 'nobody@example.org']) {
    await page.goto('/sign-in');
    await page.getByLabel('E-postadress').fill(email);
    await page.getByLabel('Lösenord').fill('not-the-password');
    await page.getByRole('button', { name: 'Logga in' }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toBeVisible();
    messages.push((await alert.textContent()) ?? '');
  }
  expect(messages[0]).toBe('Fel e-postadress eller lösenord.');
  expect(messages[1]).toBe(messages[0]);
  await expectAccessible(page);
});

test('a user signs in by keyboard alone, lands where they were going, and signs out', async ({ page }) => {
  await page.goto('/incidents/new');
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel('E-postadress').focus();
  await page.keyboard.type('police@example.org');
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/incidents\/new$/);
  await expect(page.getByRole('heading', { name: 'Logga händelse' })).toBeVisible();
  await expect(page.getByText('Per Polis')).toBeVisible();

  await page.getByRole('button', { name: 'Logga ut' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);
});

test('the start page shows this week per area and the way to log an incident', async ({ page }) => {
  await signIn(page, 'coordinator@example.org');
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Hej Cecilia Samordnare' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Rimbo' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Logga händelse' }).first()).toBeVisible();
  await expectAccessible(page);
});
