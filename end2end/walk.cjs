const { chromium } = require('playwright-core');
(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  for (const [w, h] of [[390, 844], [1280, 900]]) {
    const ctx = await browser.newContext({ baseURL: 'http://127.0.0.1:3200', viewport: { width: w, height: h }, locale: 'sv-SE' });
    const page = await ctx.newPage();
    const errors = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto('/sign-in');
    await page.fill('#email', 'coordinator@example.org');
    await page.fill('#password', 'demo-password');
    await page.press('#password', 'Enter');
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
    await page.waitForSelector('body[data-hydrated]');
    if (w === 390) {
      await page.evaluate(async () => {
        const post = async (path, form) => {
          const res = await fetch(path, { method: 'POST', headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
          if (!res.ok) throw new Error(path + res.status);
          return res.json();
        };
        const ref = await post('/api/reference', {});
        const orgs = ref.reference.organisations;
        const due = new Date(Date.now() + 20 * 86400000).toISOString().slice(0, 10);
        for (const name of ['Polisen Norrtälje', 'Fältsamordnarna']) {
          const id = orgs.find((o) => o.name === name).id;
          for (let i = 0; i < 9; i++) await post('/api/actions/create', { title: `Belysning gångväg ${name.split(' ')[0]} ${i}`, owner_organisation_id: id, due });
        }
        const series = await post('/api/meetings/series', {});
        for (let i = 0; i < 12; i++) {
          const m = await post('/api/meetings/plan', { series_id: series[0].id });
          if (i < 11) await post('/api/meetings/cancel', { id: m });
        }
      });
    }
    await page.click('nav >> text=Möten').catch(async () => { await page.goto('/meetings'); });
    await page.waitForURL(/\/meetings/);
    await page.waitForTimeout(800);
    await page.screenshot({ path: `/tmp/walk/meetings-${w}.png`, fullPage: true });
    const more = page.getByRole('link', { name: /^Visa alla \d+ möten/ }).first();
    if (await more.count()) {
      await more.click();
      await page.waitForURL(/series=/);
      await page.waitForTimeout(800);
      await page.screenshot({ path: `/tmp/walk/meetings-all-${w}.png` });
      console.log(w, 'meetings all scrollY', await page.evaluate(() => window.scrollY), 'sw', await page.evaluate(() => document.documentElement.scrollWidth));
    }
    await page.goto('/meetings');
    const planned = page.locator('a', { hasText: /\d{4}-\d\d-\d\d/ }).first();
    await planned.click();
    await page.waitForURL(/\/meetings\/[0-9a-f-]{36}/);
    await page.waitForSelector('body[data-hydrated]');
    await page.waitForTimeout(800);
    await page.screenshot({ path: `/tmp/walk/meeting-${w}.png`, fullPage: true });
    const all = page.getByRole('link', { name: /^Visa alla \d+ åtgärder för Polisen/ });
    console.log(w, 'show-all links', await page.getByRole('link', { name: /^Visa alla/ }).count());
    if (await all.count()) {
      await all.click();
      await page.waitForURL(/owner=/);
      await page.waitForTimeout(800);
      await page.screenshot({ path: `/tmp/walk/meeting-owner-${w}.png` });
      console.log(w, 'owner scrollY', await page.evaluate(() => window.scrollY), 'sw', await page.evaluate(() => document.documentElement.scrollWidth));
    }
    console.log(w, 'errors', errors);
    await ctx.close();
  }
  await browser.close();
})();
