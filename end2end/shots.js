const { chromium } = require('@playwright/test');
(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  for (const [name, vp] of [['phone', { width: 390, height: 844 }], ['desktop', { width: 1280, height: 900 }]]) {
    const page = await browser.newPage({ viewport: vp, locale: 'sv-SE' });
    await page.goto('http://127.0.0.1:3200/sign-in');
    await page.getByLabel('E-postadress').fill('coordinator@example.org');
    await page.getByLabel('Lösenord').fill('demo-password');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.waitForSelector('body[data-hydrated="true"]');
    await page.screenshot({ path: `/tmp/shots/${name}-home.png` });
    if (name === 'phone') { await page.locator('details.menu > summary').click(); await page.screenshot({ path: `/tmp/shots/${name}-menu.png` }); }
    await page.goto('http://127.0.0.1:3200/meetings');
    await page.waitForSelector('body[data-hydrated="true"]');
    if (name === 'phone') {
      await page.getByRole('button', { name: 'Planera nästa möte' }).click();
      await page.waitForURL(/meetings\/[0-9a-f-]{36}$/);
      await page.waitForSelector('body[data-hydrated="true"]');
      await page.getByRole('button', { name: 'Starta mötet' }).click();
      await page.getByText('Pågår', { exact: true }).waitFor();
    } else {
      await page.locator('ul.plain a').first().click();
      await page.waitForSelector('body[data-hydrated="true"]');
    }
    await page.getByRole('button', { name: 'Alla närvarande' }).click();
    await page.locator('.save-notice.shown').waitFor();
    await page.screenshot({ path: `/tmp/shots/${name}-meeting-top.png`, fullPage: false });
    await page.getByLabel('Nytt beslut').fill('Fältarna förstärker i Rimbo på fredag');
    await page.getByRole('button', { name: 'Lägg till beslutet' }).click();
    await page.getByText('Beslutet är tillagt.').waitFor();
    await page.screenshot({ path: `/tmp/shots/${name}-meeting-decision.png` });
    await page.getByText('Justera och lås protokollet…').click();
    await page.screenshot({ path: `/tmp/shots/${name}-meeting-full.png`, fullPage: true });
    await page.close();
  }
  await browser.close();
})();
