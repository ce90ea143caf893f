// Moving through the app as people do: sign in, then follow the main menu (client-side
// navigation after hydration), for every demo role, on a desktop and on a phone. Every menu
// page must load without an error message, without a failed server-function call, without a
// page error, and without scrolling sideways.
import { test, expect, expectAccessible, hydrated, openMenu, signIn } from './helpers';
import type { Page } from '@playwright/test';

const ROLES = [
  'admin@example.org',
  'coordinator@example.org',
  'police@example.org',
  'school@example.org',
  'manager@example.org',
  'streets@example.org',
];

const SIZES = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
];

/** Server-function answers of 4xx/5xx while `body` runs. */
async function failedCalls(page: Page, body: () => Promise<void>): Promise<string[]> {
  const failed: string[] = [];
  const listener = (res: any) => {
    if (res.url().includes('/api/') && res.status() >= 400) failed.push(`${res.status()} ${res.url()}`);
  };
  page.on('response', listener);
  await body();
  page.off('response', listener);
  return failed;
}

for (const size of SIZES) {
  for (const email of ROLES) {
    test(`${email} follows every menu link on a ${size.name}`, async ({ page }) => {
      await page.setViewportSize({ width: size.width, height: size.height });
      await signIn(page, email);
      await hydrated(page);
      const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
      await openMenu(page);
      const names = await nav.getByRole('link').allInnerTexts();
      // A handler's menu is the work orders alone; everyone else has several pages.
      expect(names.length).toBeGreaterThan(email.startsWith('streets@') ? 0 : 2);
      for (const name of names) {
        const failed = await failedCalls(page, async () => {
          await openMenu(page);
          await nav.getByRole('link', { name, exact: true }).click();
          // Checked whether or not the phone menu has folded away again.
          await expect(page.locator('details.menu nav a[aria-current="page"]')).toHaveText(name);
          await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
          await expect(page.getByText('Laddar …')).toHaveCount(0);
        });
        expect(failed, `server-function calls that failed on "${name}"`).toEqual([]);
        await expect(page.getByRole('alert'), `an error shown on "${name}"`).toHaveCount(0);
        if (size.name === 'phone') {
          await expect(page.locator('details.menu'), 'the menu folds after a link').not.toHaveAttribute('open', '');
          const wide = await page.evaluate(() => document.documentElement.scrollWidth);
          expect(wide, `"${name}" scrolls sideways at ${size.width} px`).toBeLessThanOrEqual(size.width);
        }
      }
    });
  }
}

test('on a phone the menu folds behind a button, also without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await signIn(page, 'coordinator@example.org');
  const menu = page.getByRole('navigation', { name: 'Huvudmeny' });
  await expect(menu).toBeHidden();
  await page.locator('details.menu > summary').click();
  await expect(menu).toBeVisible();
  await menu.getByRole('link', { name: 'Händelser', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Händelser' })).toBeVisible();
  await expectAccessible(page);
  await context.close();
});

test('pages reached from lists do not scroll sideways at 360 px either', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, 'coordinator@example.org');
  await hydrated(page);
  const wide = () => page.evaluate(() => document.documentElement.scrollWidth);
  await page.goto('/incidents');
  await hydrated(page);
  await page.locator('table.incidents tbody tr a').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await wide(), 'an incident').toBeLessThanOrEqual(360);
  await page.goto('/audit');
  await hydrated(page);
  expect(await wide(), 'the audit log').toBeLessThanOrEqual(360);
  await page.goto('/meetings');
  await hydrated(page);
  await page.getByRole('button', { name: 'Planera nästa möte' }).first().click();
  await expect(page).toHaveURL(/\/meetings\/[0-9a-f-]{36}$/);
  await hydrated(page);
  expect(await wide(), 'a meeting').toBeLessThanOrEqual(360);
  await page.getByRole('link', { name: 'Protokoll för utskrift' }).click();
  await expect(page.locator('article.minutes')).toBeVisible();
  expect(await wide(), 'the printable minutes').toBeLessThanOrEqual(360);
  await page.goto('/actions');
  await hydrated(page);
  await page.locator('main table a[href^="/actions/"]').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await wide(), 'an action').toBeLessThanOrEqual(360);
  await page.goto('/groups');
  await hydrated(page);
  await page.getByRole('link', { name: 'Områdesgrupp Rimbo' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Områdesgrupp Rimbo' })).toBeVisible();
  expect(await wide(), 'an area group').toBeLessThanOrEqual(360);
  await page.goto('/dashboard/year');
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await wide(), 'the yearly report').toBeLessThanOrEqual(360);
});
