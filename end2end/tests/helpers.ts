// Shared test helpers: a page fixture that fails on unexpected console errors, sign-in, the
// hydration wait and the axe-core WCAG 2.1 A/AA check run on every page a test visits.
import { test as base, expect, Page } from '@playwright/test';
import { readFileSync } from 'fs';

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// Refusals the tests provoke on purpose (401/403/404/422 from server functions), and requests
// they cut off to play a lost connection, are logged by Chromium as failed resource loads;
// anything else in the console fails the test.
const expected =
  /Failed to load resource: (the server responded with a status of 4\d\d|net::ERR_(INTERNET_DISCONNECTED|FAILED))/;

export const test = base.extend({
  page: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && !expected.test(m.text())) errors.push(page.url() + ' ' + m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await use(page);
    expect(errors, 'console errors').toEqual([]);
  },
});
export { expect };

export const PASSWORD = 'demo-password';

export function unique(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/** Fails with the list of WCAG 2.1 A/AA violations axe-core finds on the current page. With
 * JavaScript disabled, the same URL is checked in a JavaScript-enabled twin of the session. */
export async function expectAccessible(page: Page) {
  const run = async (target: Page) => {
    // Evaluated over the DevTools protocol: the page's Content-Security-Policy (which refuses
    // inline scripts) does not apply to the test tool, only to the app.
    await target.evaluate(axeSource);
    return target.evaluate(async () => {
      // @ts-ignore axe is injected above
      const result = await axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      });
      return result.violations.map((v: any) => `${v.id}: ${v.help} (${v.nodes.map((n: any) => n.target).join(', ')})`);
    });
  };
  // With JavaScript disabled the page's timers never fire (and axe waits on them): ask first.
  const scripting = await Promise.race([
    page.evaluate(() => new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 0))).catch(() => false),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1_000)),
  ]);
  let violations: string[];
  if (scripting) {
    violations = await run(page);
  } else {
    // Scripts do not run with JavaScript disabled: check the same URL in a twin session.
    const twin = await page.context().browser()!.newContext({ javaScriptEnabled: true });
    await twin.addCookies(await page.context().cookies());
    const target = await twin.newPage();
    await target.goto(page.url());
    violations = await run(target);
    await twin.close();
  }
  expect(violations, `accessibility violations on ${page.url()}`).toEqual([]);
}

/** Waits until the WASM has hydrated the page (an Effect sets the marker). */
export async function hydrated(page: Page) {
  await expect(page.locator('body[data-hydrated="true"]')).toHaveCount(1);
}

/** Signs in through the form; works with and without JavaScript (before or after hydration). */
export async function signIn(page: Page, email: string) {
  await page.goto('/sign-in');
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  // Signed in once the sign-in page is left: someone already signed in sees "Logga ut" on the
  // sign-in page too, and a click made before the redirect lands would be lost to it.
  await expect(page).not.toHaveURL(/\/sign-in/);
  // On a phone the sign-out button sits in the folded menu: present, not necessarily shown.
  await expect(page.getByRole('button', { name: 'Logga ut', includeHidden: true })).toBeAttached();
}

/** Unfolds the phone menu if it is folded (wide screens show it open). */
export async function openMenu(page: Page) {
  const toggle = page.locator('details.menu > summary');
  if (await toggle.isVisible()) {
    if (!(await page.locator('details.menu').evaluate((d) => (d as HTMLDetailsElement).open))) {
      await toggle.click();
    }
  }
}

/** Follows the main menu's link of exactly this name, as a person does. Only the menu is
 * searched: a page's own links ("Lägesbildsmöte 2026-12-10") never stand in for it. */
export async function menu(page: Page, name: string) {
  // People click the menu of a page that is ready: after hydration, the router takes it.
  await hydrated(page);
  await openMenu(page);
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name, exact: true }).click();
}

/** Calls a server function as the signed-in user of `page` (its cookies), for setting up
 * data the test is not about; returns the JSON answer. */
export async function api(page: Page, path: string, form: Record<string, string>) {
  const res = await page.request.post(path, { form, headers: { Accept: 'application/json' } });
  if (!res.ok()) throw new Error(`${path}: ${res.status()}`);
  return res.json();
}

/** The id of the organisation called `name`. */
export async function organisationId(page: Page, name: string): Promise<string> {
  const ref = await api(page, '/api/reference', {});
  return ref.reference.organisations.find((o: { name: string }) => o.name === name).id;
}
