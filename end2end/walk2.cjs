const { chromium } = require('playwright-core');
(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  for (const [w, h] of [[390, 844], [1280, 900]]) {
    const ctx = await browser.newContext({ baseURL: 'http://127.0.0.1:3200', viewport: { width: w, height: h }, locale: 'sv-SE' });
    const page = await ctx.newPage();
    await page.goto('/sign-in');
    await page.fill('#email', 'coordinator@example.org');
    await page.fill('#password', 'demo-password');
    await page.press('#password', 'Enter');
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
    await page.goto('/meetings');
    await page.locator('li', { hasText: 'Planerat' }).first().locator('a').click();
    await page.waitForSelector('body[data-hydrated]');
    const sec = page.locator('section[aria-labelledby=carried-heading]');
    await sec.screenshot({ path: `/tmp/walk/carried-${w}.png` });
    const fin = page.locator('section.finalise');
    console.log(w, await fin.count());
    await ctx.close();
  }
  await browser.close();
})();
