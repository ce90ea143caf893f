// What a reporter's phone gets on a weak connection: Debian's Chromium at 390×844, through the
// DevTools protocol slowed to 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip, and its CPU
// slowed 4×. For each page, once with an empty cache (cold) and once more in the same browser
// (warm): when the heading shows (the first contentful paint: the heading comes in the page's
// HTML), when the page is interactive (`data-hydrated`), and the bytes and requests that went
// over the wire (requests answered from the cache count as requests, their bytes do not).
//
// Usage: node bench/phone.cjs BASE_URL OUT.json [rounds, default 3]: the median of the rounds.
// Signs in as the demo coordinator. Part of `make bench`, never of the tests.
const path = require('node:path');
const fs = require('node:fs');
const { chromium } = require(path.resolve(__dirname, '../end2end/node_modules/playwright-core'));

const [base, out, rounds = '3'] = process.argv.slice(2);
if (!base || !out) {
  console.error('usage: node bench/phone.cjs BASE_URL OUT.json [rounds]');
  process.exit(2);
}
const PROFILE = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6e6 / 8),
  uploadThroughput: (750e3 / 8),
};
const CPU_SLOWDOWN = 4;

async function throttled(context) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', PROFILE);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  const wire = { bytes: 0, requests: 0 };
  cdp.on('Network.requestWillBeSent', (e) => {
    if (!e.request.url.startsWith('data:')) wire.requests += 1;
  });
  cdp.on('Network.loadingFinished', (e) => {
    wire.bytes += e.encodedDataLength;
  });
  return { page, wire };
}

/** One visit: milliseconds from the start of the navigation to the first contentful paint
 * (the heading is in the page as it arrives) and to interactive, bytes and requests. Timed in
 * the page (`performance`), so the test tool's own polling never delays a figure. */
async function visit(context, url) {
  const { page, wire } = await throttled(context);
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.body?.hasAttribute('data-hydrated')) {
        window.__interactive = performance.now();
        observer.disconnect();
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-hydrated'] });
  });
  await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
  await page.waitForSelector('body[data-hydrated]', { timeout: 120_000 });
  // Whatever the page still fetches once it is interactive counts too.
  await page.waitForLoadState('networkidle', { timeout: 120_000 }).catch(() => {});
  const [paint, interactive] = await page.evaluate(() => [
    performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    window.__interactive,
  ]);
  await page.close();
  return {
    heading_ms: Math.round(paint),
    interactive_ms: Math.round(interactive),
    bytes: wire.bytes,
    requests: wire.requests,
  };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const summary = (visits) =>
  Object.fromEntries(Object.keys(visits[0]).map((k) => [k, median(visits.map((v) => v[k]))]));

(async () => {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
  });
  const fresh = async () => {
    const context = await browser.newContext({
      baseURL: base,
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 3,
      isMobile: true,
      hasTouch: true,
      locale: 'sv-SE',
    });
    const signIn = await context.request.post('/api/auth/sign-in', {
      form: { email: 'coordinator@example.org', password: 'demo-password' },
      headers: { Accept: 'application/json' },
    });
    if (!signIn.ok()) throw new Error(`sign-in: ${signIn.status()}`);
    return context;
  };
  // A meeting: the first one the meetings page links to.
  const probe = await fresh();
  const meetings = await (await probe.request.get('/meetings')).text();
  await probe.close();
  const meeting = meetings.match(/href="(\/meetings\/[0-9a-f-]{36})"/);
  const pages = [
    ['log incident', '/incidents/new'],
    ['home', '/'],
    ['situation picture', '/picture'],
    ['meeting', meeting ? meeting[1] : '/meetings'],
  ];
  const result = { profile: { ...PROFILE, cpu_slowdown: CPU_SLOWDOWN, viewport: '390x844' }, pages: {} };
  for (const [name, url] of pages) {
    const cold = [];
    const warm = [];
    for (let round = 0; round < Number(rounds); round++) {
      const context = await fresh();
      cold.push(await visit(context, url));
      warm.push(await visit(context, url));
      await context.close();
    }
    result.pages[name] = { path: url, cold: summary(cold), warm: summary(warm) };
    const line = (m) =>
      `heading ${(m.heading_ms / 1000).toFixed(1)} s, interactive ${(m.interactive_ms / 1000).toFixed(1)} s, ` +
      `${Math.round(m.bytes / 1024)} KB in ${m.requests} requests`;
    console.log(`  phone ${name}: cold ${line(result.pages[name].cold)}; warm ${line(result.pages[name].warm)}`);
  }
  await browser.close();
  fs.writeFileSync(out, JSON.stringify(result, null, 2));
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
