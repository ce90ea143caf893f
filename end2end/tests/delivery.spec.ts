import { test, expect, hydrated, menu, signIn } from './helpers';

// What a phone on a weak connection receives: the page's code comes packed at build time
// (brotli, or gzip where brotli is not accepted), and the page itself is packed on the way.
test("a page's code and the page itself arrive compressed", async ({ page }) => {
  const seen: Promise<[string, string | undefined]>[] = [];
  page.on('response', (res) => {
    // A file asked for again may come back as "not modified", with no body to encode.
    if (res.status() !== 200) return;
    const path = new URL(res.url()).pathname;
    seen.push(res.allHeaders().then((h) => [path, h['content-encoding']]));
  });
  await signIn(page, 'police@example.org');
  await hydrated(page);
  const encodings = await Promise.all(seen);
  const code = encodings.filter(([path]) => /^\/pkg\/.*\.(wasm|js|css)$/.test(path));
  expect(code.length, 'the shell, its module and the styles').toBeGreaterThan(2);
  for (const [path, encoding] of code) {
    expect(encoding, path).toMatch(/^(br|gzip)$/);
  }
  const start = encodings.find(([path]) => path === '/');
  expect(start?.[1], 'the start page').toMatch(/^(br|gzip)$/);
});

// A build's files are named by it: kept by the browser for a year without asking again, while
// the page itself is never kept. A deploy gives new names, so no page mixes two builds.
test("a page's code is named by its build and kept for good", async ({ page }) => {
  const seen: Promise<[string, Record<string, string>]>[] = [];
  page.on('response', (res) => {
    if (res.status() !== 200) return;
    seen.push(res.allHeaders().then((h) => [new URL(res.url()).pathname, h]));
  });
  await signIn(page, 'police@example.org');
  await hydrated(page);
  const responses = await Promise.all(seen);
  const code = responses.filter(([path]) => path.startsWith('/pkg/'));
  expect(code.length, 'the styles, the module, its WASM and the page chunks').toBeGreaterThan(3);
  const builds = new Set(code.map(([path]) => path.split('/')[2]));
  expect([...builds], 'one build, named by a hash').toEqual([expect.stringMatching(/^[0-9a-f]{16}$/)]);
  for (const [path, headers] of code) {
    expect(headers['cache-control'], path).toBe('public, max-age=31536000, immutable');
  }
  const start = responses.find(([path]) => path === '/');
  expect(start?.[1]['cache-control'], 'the page itself').toBe('no-store');
});

// The head names the pack holding the page's code on every render, so the browser fetches it
// beside the main module: one request instead of one per chunk, found one round trip after
// another.
test("every page names its code's pack in its head, every time, and the browser takes the code from it", async ({ page }) => {
  await signIn(page, 'coordinator@example.org');
  await hydrated(page);
  // Each `<link>` of the page as its attributes, in whatever order they come.
  const links = (html: string) =>
    [...html.matchAll(/<link\b([^>]*)>/g)].map((m) =>
      Object.fromEntries([...m[1].matchAll(/([a-z-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]])),
    );
  const packs = (html: string) =>
    links(html)
      .filter((l) => l.rel === 'preload' && l.as === 'fetch' && l.crossorigin === 'anonymous')
      .map((l) => l.href)
      .filter((href) => /^\/pkg\/[0-9a-f]{16}\/pack_\d+\.bin$/.test(href));
  const paths = ['/', '/incidents/new', '/incidents', '/picture', '/meetings', '/dashboard'];
  const named = new Map<string, string>();
  for (const path of paths) {
    for (let round = 0; round < 5; round++) {
      const html = await (await page.request.get(path)).text();
      expect(packs(html), `${path}, render ${round + 1}`).toHaveLength(1);
      named.set(path, packs(html)[0]);
      const loader = links(html).filter((l) => l.rel === 'modulepreload' && /^\/pkg\/[0-9a-f]{16}\/__wasm_split\./.test(l.href));
      expect(loader.length, `${path}: the chunk loader`).toBe(1);
    }
  }
  expect(new Set(named.values()).size, 'a pack for each page').toBe(paths.length);

  // A page opened fresh: its code comes in its pack, no chunk on its own.
  const fetched: string[] = [];
  const fresh = await page.context().browser()!.newContext({ baseURL: new URL(page.url()).origin });
  await fresh.addCookies(await page.context().cookies());
  const tab = await fresh.newPage();
  tab.on('request', (req) => {
    const path = new URL(req.url()).pathname;
    if (/\.(wasm|bin)$/.test(path) && !path.endsWith('/samverkan_bg.wasm')) fetched.push(path);
  });
  await tab.goto('/incidents/new');
  await hydrated(tab);
  await expect(tab.getByRole('heading', { level: 1 })).toBeVisible();
  expect(fetched, 'the page fetched its pack once and nothing else').toEqual([named.get('/incidents/new')]);
  // Moving on through the menu: the next page's code comes in its own pack.
  fetched.length = 0;
  await menu(tab, 'Lägesbild');
  await expect(tab).toHaveURL(/\/picture$/);
  await expect(tab.getByRole('heading', { level: 1 })).toContainText('Lägesbild');
  expect(fetched).toEqual([named.get('/picture')]);
  await fresh.close();
});
