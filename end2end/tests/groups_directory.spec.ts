import { test, expect, expectAccessible, hydrated, signIn, menu } from './helpers';

test('a member of one area group cannot open another group\'s minutes', async ({ page, browser }) => {
  // A coordinator finds the Rimbo group's meeting.
  const coordinator = await browser.newContext();
  const cpage = await coordinator.newPage();
  await signIn(cpage, 'coordinator@example.org');
  await menu(cpage, 'Områdesgrupper');
  await cpage.getByRole('link', { name: 'Områdesgrupp Rimbo' }).click();
  await expect(cpage.getByRole('heading', { name: 'Områdesgrupp Rimbo' })).toBeVisible();
  await cpage.getByRole('region', { name: 'Möten' }).getByRole('link', { name: /^\d{4}-\d\d-\d\d/ }).first().click();
  await expect(cpage).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/);
  const meeting = new URL(cpage.url()).pathname;
  const group = await cpage.getByRole('link', { name: 'Till områdesgruppen' }).getAttribute('href');
  await coordinator.close();

  // Sara belongs to Hallstavik's group: she sees hers, with who to call, and not Rimbo's.
  await signIn(page, 'school@example.org');
  await menu(page, 'Områdesgrupper');
  await expect(page.getByRole('link', { name: 'Områdesgrupp Hallstavik' })).toBeVisible();
  await expect(page.getByText('Områdesgrupp Rimbo')).toHaveCount(0);
  await page.getByRole('link', { name: 'Områdesgrupp Hallstavik' }).click();
  await expect(page.getByRole('region', { name: 'Vem ringer jag?' })).toContainText('Tove Sjöberg');
  await expectAccessible(page);

  for (const path of [`${meeting}/minutes`, meeting, group!]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByText('Det du söker finns inte.')).toBeVisible();
    await expect(page.getByText('Områdesgrupp Rimbo')).toHaveCount(0);
  }
});

test('a coordinator finds the police contact for Rimbo from the directory in two steps', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, 'coordinator@example.org');
  await hydrated(page);
  // Step 1: the directory (in the phone's folded menu). Step 2: the search.
  await page.getByText('Meny', { exact: true }).click();
  await menu(page, 'Kontaktlista');
  await page.getByLabel('Sökord').fill('rimbo polis');
  await page.getByRole('button', { name: 'Sök', exact: true }).click();
  await expect(page).toHaveURL(/\/directory\?q=rimbo\+polis&area=[^&]*&function=[^&]*$/);
  const call = page.getByRole('link', { name: /Ring Per Polis/ });
  await expect(call).toBeVisible();
  await expect(call).toHaveAttribute('href', 'tel:0701740611');
  await expect(page.locator('.contact-card .person', { hasText: 'Tove Sjöberg' })).toHaveCount(0);
  await expectAccessible(page);
});

test('a person keeps their own directory entry and a departed colleague\'s deputy stands in', async ({ page }) => {
  await signIn(page, 'police@example.org');
  await page.goto('/directory?q=per+polis');
  await hydrated(page);
  await page.getByText('Ändra kontakt Per Polis').click();
  await page.getByLabel('Telefon').fill('0176-711 00');
  await page.getByRole('button', { name: 'Spara kontakt' }).click();
  await expect(page.getByText('Kontakten är sparad.')).toBeVisible();
  await expect(page.getByRole('link', { name: /Ring Per Polis, 0176-711 00/ })).toHaveAttribute('href', 'tel:017671100');
  // The deputy chosen by the coordinator is kept.
  await expect(page.getByText('Ersättare: Nils Nordin')).toBeVisible();
  // Only their own entry has a form.
  await page.goto('/directory?q=grisslehamn');
  await expect(page.getByText('Ändra kontakt')).toHaveCount(0);
  // Grisslehamn's field worker has left: the deputy is shown in the post.
  await expect(page.getByText('Ersättare i tjänsten: den ordinarie har slutat.')).toBeVisible();
  await expect(page.getByText('Maja Lund')).toBeVisible();
  await expect(page.getByText('Björn Fors')).toHaveCount(0);
  await expectAccessible(page);
});

test('a manager sees area groups as counts without a way into the minutes', async ({ page }) => {
  await signIn(page, 'manager@example.org');
  await menu(page, 'Områdesgrupper');
  await expect(page.getByRole('row', { name: /Områdesgrupp Rimbo/ })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Områdesgrupp Rimbo' })).toHaveCount(0);
  await expectAccessible(page);
});

test('an area group takes attendance per person, on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, 'coordinator@example.org');
  await hydrated(page);
  await menu(page, 'Områdesgrupper');
  await page.getByRole('link', { name: 'Områdesgrupp Rimbo' }).click();
  await page.getByRole('region', { name: 'Möten' }).getByRole('link', { name: /^\d{4}-\d\d-\d\d/ }).first().click();
  await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/);
  await hydrated(page);
  const attendance = page.getByRole('region', { name: 'Närvaro' });
  // The members themselves, each with their organisation.
  await expect(attendance.getByRole('columnheader', { name: 'Medlem' })).toBeVisible();
  const per = attendance.getByRole('combobox', { name: 'Närvaro Per Polis (Polisen Norrtälje)' });
  const jonna = attendance.getByRole('combobox', { name: 'Närvaro Jonna Ek (Fältsamordnarna)' });
  await expect(per).toBeVisible();
  await expect(attendance.getByRole('combobox', { name: /^Närvaro Lena Holm/ })).toBeVisible();

  await attendance.getByRole('button', { name: 'Alla närvarande' }).click();
  await expect(page.locator('.save-notice')).toHaveText('Närvaron är sparad.');
  await expect(per).toHaveValue('present');
  await jonna.selectOption({ label: 'Frånvarande' });
  await attendance.getByRole('button', { name: 'Spara närvaron' }).click();
  await expect(jonna).toHaveValue('absent');
  await expect(per).toHaveValue('present');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Protokoll för utskrift' }).click();
  const minutes = page.locator('article.minutes');
  await expect(minutes).toContainText(/Närvarande: .*Per Polis \(Polisen Norrtälje\)/);
  await expect(minutes).toContainText('Frånvarande: Jonna Ek (Fältsamordnarna)');
});
