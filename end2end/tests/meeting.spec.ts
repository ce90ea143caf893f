import { test, expect, expectAccessible, hydrated, signIn, unique } from './helpers';

test('a coordinator runs the weekly meeting from planned to locked minutes', async ({ page }) => {
  await signIn(page, 'coordinator@example.org');
  await page.getByRole('link', { name: 'Möten' }).click();
  await hydrated(page);
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Planera nästa möte' }).click();
  await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/);
  await expect(page.getByText('Planerat', { exact: true })).toBeVisible();
  await hydrated(page);

  await page.getByRole('button', { name: 'Starta mötet' }).click();
  await expect(page.getByText('Pågår', { exact: true })).toBeVisible();

  const attendance = page.getByRole('row', { name: /Polisen Norrtälje/ });
  await attendance.getByRole('combobox').selectOption({ label: 'Närvarande' });
  await attendance.getByRole('button', { name: 'Spara' }).click();
  await expect(attendance.getByRole('combobox')).toHaveValue('present');

  const rimbo = page.locator('form').filter({ hasText: /^Rimbo/ });
  await rimbo.getByLabel('Bedömning').selectOption('3');
  await rimbo.getByLabel('Kommentar').fill('Lugnare än förra veckan');
  await rimbo.getByRole('button', { name: 'Spara' }).click();
  await expect(rimbo.getByLabel('Kommentar')).toHaveValue('Lugnare än förra veckan');

  const agenda = page.getByRole('region', { name: 'Dagordning' });
  await agenda.getByLabel('Lägg till').fill('Genomgång av lägesbilden per tätort');
  await agenda.getByRole('button', { name: 'Lägg till' }).click();
  await expect(agenda.getByText('Genomgång av lägesbilden per tätort')).toBeVisible();

  const decisions = page.getByRole('region', { name: 'Beslut' });
  await decisions.getByLabel('Lägg till').fill('Fältarna förstärker i Rimbo på fredag');
  await decisions.getByRole('button', { name: 'Lägg till' }).click();
  await expect(decisions.getByText('Fältarna förstärker i Rimbo på fredag')).toBeVisible();

  const title = unique('Kvällsvandring vid busstationen');
  const news = page.getByRole('region', { name: 'Nya åtgärder' });
  await news.getByLabel('Rubrik').fill(title);
  await news.getByLabel('Ansvarig organisation').selectOption({ label: 'Fältsamordnarna' });
  await news.getByLabel('Klart senast').fill(new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10));
  await news.getByRole('button', { name: 'Skapa åtgärd' }).click();
  await expect(news.getByRole('link', { name: title })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Justera och lås protokollet' }).click();
  await expect(page.getByText('Justerat och låst', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Starta mötet' })).toHaveCount(0);
  await expect(agenda.getByRole('button', { name: 'Lägg till' })).toHaveCount(0);

  const addenda = page.getByRole('region', { name: 'Tillägg efter justering' });
  await addenda.getByLabel('Lägg till').fill('Rättelse: mötet började 15.10.');
  await addenda.getByRole('button', { name: 'Lägg till' }).click();
  await expect(addenda.getByText(/Rättelse: mötet började 15.10./)).toBeVisible();

  await page.getByRole('link', { name: 'Protokoll för utskrift' }).click();
  const minutes = page.locator('article.minutes');
  await expect(minutes).toContainText(/onsdag \d+ \w+ \d{4} kl\. 15\.00/);
  await expect(minutes).toContainText('Närvarande: Polisen Norrtälje');
  await expect(minutes.getByRole('row', { name: /Rimbo/ })).toContainText('3/5');
  await expect(minutes).toContainText('Fältarna förstärker i Rimbo på fredag');
  await expect(minutes).toContainText(title);
  await expect(minutes).toContainText('Rättelse: mötet började 15.10.');
  await expectAccessible(page);
});

test('a reporter reads the minutes but cannot run a meeting', async ({ page }) => {
  await signIn(page, 'police@example.org');
  await page.goto('/meetings');
  await expect(page.getByRole('heading', { level: 2, name: 'Lägesbildsmöte' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Planera nästa möte' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: /Kalenderflöde/ })).toHaveCount(0);
});

test('a coordinator sets up a new meeting series with its members', async ({ page }) => {
  await signIn(page, 'coordinator@example.org');
  await page.goto('/meetings');
  await hydrated(page);
  const name = unique('Områdesgrupp Hallstavik');
  const form = page.getByRole('region', { name: 'Ny mötesserie' });
  await form.getByLabel('Namn på ny mötesserie').fill(name);
  await form.getByLabel('Veckodag').selectOption({ label: 'Torsdagar' });
  await form.getByLabel('Klockan').fill('09:30');
  await form.getByLabel('Polisen Norrtälje').check();
  await form.getByLabel('Fältsamordnarna').check();
  await form.getByRole('button', { name: 'Skapa mötesserien' }).click();
  const created = page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name }) });
  await expect(created).toContainText('Torsdagar 09:30 · Medlemmar: Fältsamordnarna, Polisen Norrtälje');
  await expectAccessible(page);
});
