import { test, expect, expectAccessible, signIn, menu } from './helpers';

test('the situation picture has a section per town and its numbers lead to the same incidents', async ({ page }) => {
  await signIn(page, 'coordinator@example.org');
  await menu(page, 'Lägesbild');
  await expect(page.getByRole('heading', { level: 1, name: /^Lägesbild \d{4}-W\d{2}$/ })).toBeVisible();
  for (const town of ['Norrtälje', 'Rimbo', 'Hallstavik', 'Älmsta', 'Grisslehamn']) {
    await expect(page.getByRole('heading', { level: 2, name: town })).toBeVisible();
  }
  await expectAccessible(page);

  // The week field takes the page to the week picked, and the address holds only the week:
  // last week, then this week again.
  const current = (await page.getByRole('heading', { level: 1 }).textContent())!.match(/\d{4}-W\d{2}/)![0];
  const weeks = page.getByRole('navigation', { name: 'Veckor' });
  const previous = (await weeks.getByRole('link').first().textContent())!.match(/\d{4}-W\d{2}/)![0];
  for (const week of [previous, current]) {
    await page.getByLabel('Vecka', { exact: true }).fill(week);
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/picture\\?week=${week}$`));
    await expect(page.getByRole('heading', { level: 1, name: `Lägesbild ${week}` })).toBeVisible();
  }

  // Walk back to a week with incidents in Norrtälje (the demo has six weeks of them), then
  // follow a non-zero category count.
  const section = page.getByRole('region', { name: 'Norrtälje' });
  const nonZero = section.locator('table.picture tbody tr').filter({ has: page.locator('td a', { hasNotText: /^0$/ }) });
  for (let i = 0; i < 5 && (await nonZero.count()) === 0; i++) {
    await page.getByRole('navigation', { name: 'Veckor' }).getByRole('link').first().click();
    await expect(page.getByRole('heading', { level: 2, name: 'Norrtälje' })).toBeVisible();
  }
  const first = nonZero.first();
  const count = Number(await first.locator('td a').textContent());
  expect(count).toBeGreaterThan(0);
  await first.locator('td a').click();
  await expect(page).toHaveURL(/\/incidents\?week=.*&area=.*&category=/);
  await expect(page.locator('table.incidents tbody tr')).toHaveCount(count);
});

test('a manager does not get the unsuppressed picture', async ({ page }) => {
  await signIn(page, 'manager@example.org');
  await expect(page.getByRole('link', { name: 'Lägesbild' })).toHaveCount(0);
  await page.goto('/picture');
  await expect(page.getByRole('alert')).toHaveText('Din roll får inte göra det här.');
});
