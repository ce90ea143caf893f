// Accounts kept in the app: an admin onboards a field worker, who chooses a password through
// the one-time link and is signed in; the admin then changes the role and offboards them,
// without the command line. On a phone, too.
import { test, expect, expectAccessible, hydrated, signIn, menu, unique } from './helpers';

async function noSidewaysScroll(page: import('@playwright/test').Page) {
  const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(width).toBeLessThanOrEqual(page.viewportSize()!.width);
}

test('an admin onboards a field worker through a one-time link and offboards them', async ({ page, browser }) => {
  const name = unique('Nina Fältare');
  const email = `nina.${Date.now().toString(36)}@norrtalje.example`;
  await signIn(page, 'admin@example.org');
  await menu(page, 'Konton');
  await expect(page.getByRole('heading', { name: 'Konton', level: 1 })).toBeVisible();

  const create = page.locator('details.new-account');
  await create.getByText('Nytt konto', { exact: true }).click();
  await create.getByLabel('Namn', { exact: true }).fill(name);
  await create.getByLabel('E-postadress i arbetet').fill(email);
  await create.getByLabel('Organisation', { exact: true }).selectOption({ label: 'Fältsamordnarna' });
  await create.getByLabel('Roll', { exact: true }).selectOption({ label: 'Rapportör' });
  await create.getByRole('button', { name: 'Skapa kontot' }).click();
  await expect(page.getByText('Kontot är skapat:')).toBeVisible();
  const link = await page.getByLabel('Länk för att välja lösenord').inputValue();
  expect(link).toMatch(/\/set-password\?token=[0-9a-f]{64}$/);
  // The form is empty again for the next one, and the list has the newcomer, waiting.
  await expect(create.getByLabel('Namn', { exact: true })).toHaveValue('');
  const card = page.locator('li.account', { hasText: email });
  await expect(card).toContainText('Har inte loggat in ännu');
  await expect(card).toContainText('Lösenordslänk gäller till');
  await expectAccessible(page);

  // The newcomer opens the link on their own device, not signed in.
  const device = await browser.newContext();
  const newcomer = await device.newPage();
  await newcomer.goto(new URL(link).pathname + new URL(link).search);
  await hydrated(newcomer);
  await expect(newcomer.getByText(`Välkommen till Samverkan, ${name}.`)).toBeVisible();
  await newcomer.getByLabel('Lösenord', { exact: true }).fill('hamnen i kväll klockan sju');
  await newcomer.getByLabel('Samma lösenord igen').fill('hamnen i kväll klockan sex');
  await newcomer.getByRole('button', { name: 'Spara lösenordet och logga in' }).click();
  await expect(newcomer.getByText('Lösenorden är inte likadana.')).toBeVisible();
  await expectAccessible(newcomer);
  await newcomer.getByLabel('Samma lösenord igen').fill('hamnen i kväll klockan sju');
  await newcomer.getByRole('button', { name: 'Spara lösenordet och logga in' }).click();
  await expect(newcomer.getByText(name, { exact: true })).toBeAttached();
  await expect(newcomer).toHaveURL(/\/$/);
  // The link was for once.
  await newcomer.goto(new URL(link).pathname + new URL(link).search);
  await expect(newcomer.getByText('Länken har gått ut eller har redan använts.')).toBeVisible();

  // The admin makes the field worker a coordinator: the change is said where it was made.
  await page.reload();
  await hydrated(page);
  const search = page.getByRole('search');
  await search.getByLabel('Namn eller e-post').fill(email);
  await search.getByRole('button', { name: 'Sök', exact: true }).click();
  await expect(page.locator('li.account')).toHaveCount(1);
  await page.getByText(`Ändra kontot för ${name}`).click();
  await card.getByLabel('Roll', { exact: true }).selectOption({ label: 'Samordnare' });
  await card.getByRole('button', { name: 'Spara ändringen' }).click();
  await expect(card.getByRole('status')).toHaveText('Ändringen är sparad.');
  await expect(card).toContainText('Fältsamordnarna · Samordnare');

  // Offboarding: deactivated, the person is signed out at once and cannot sign in.
  await card.getByRole('button', { name: 'Inaktivera kontot' }).click();
  await expect(card.getByRole('status')).toHaveText('Kontot är inaktiverat och personen är utloggad.');
  await expect(card).toContainText('Inaktiverat');
  await newcomer.goto('/incidents');
  await expect(newcomer).toHaveURL(/\/sign-in/);
  await newcomer.getByLabel('E-postadress').fill(email);
  await newcomer.getByLabel('Lösenord').fill('hamnen i kväll klockan sju');
  await newcomer.getByRole('button', { name: 'Logga in' }).click();
  await expect(newcomer.getByText('Fel e-postadress eller lösenord')).toBeVisible();
  await device.close();
});

test('on a phone an admin cannot lock everyone out by deactivating the last admin', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, 'admin@example.org');
  await menu(page, 'Konton');
  const search = page.getByRole('search');
  await search.getByLabel('Roll', { exact: true }).selectOption({ label: 'Administratör' });
  await search.getByRole('button', { name: 'Sök', exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/users\?q=&organisation=&role=admin&status=[a-z]*$/);
  const me = page.locator('li.account', { hasText: '(du)' });
  await expect(me).toHaveCount(1);
  await me.locator('summary', { hasText: 'Ändra' }).click();
  await me.getByRole('button', { name: 'Inaktivera kontot' }).click();
  // Said beside the button, where the keyboard now is, and in the alert at the card's top.
  const reason = me.locator('p.field-error', { hasText: 'Det måste finnas minst en aktiv administratör.' });
  await expect(reason).toBeVisible();
  await expect(reason).toBeFocused();
  await expect(me.getByRole('alert')).toContainText('Det måste finnas minst en aktiv administratör.');
  await expect(me).not.toContainText('Inaktiverat');
  await noSidewaysScroll(page);
  await expectAccessible(page);
});
