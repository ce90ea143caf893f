import { test, expect, hydrated, signIn } from './helpers';

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
