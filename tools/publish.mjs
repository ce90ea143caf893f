// Publishes a build's browser files under a name of their own, so browsers may keep them for
// good and a page never loads modules of two builds.
//
// Packs each page's code (pack.mjs), reads every file in <site>/staging (the WASM, its chunks,
// packs and loader, the JS glue, the CSS, the manifests), names the build by a hash of all of them, and copies them into
// <site>/pkg/<build id>/, with a brotli and a gzip copy beside each (precompress.mjs), before
// writing the id to <site>/build-id, which the server reads at start. The server serves
// everything under /pkg as immutable. The two builds before this one stay, so pages a browser
// still shows from them keep loading their code after a deploy; older ones are removed.
//
// Usage: node tools/publish.mjs <site folder> [brotli quality 0–11, default 11]
import { createHash } from 'node:crypto';
import {
  copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync,
  statSync, utimesSync, writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { pack } from './pack.mjs';
import { precompress } from './precompress.mjs';

const KEEP = 3;
const [site, quality = '11'] = process.argv.slice(2);
if (!site) {
  console.error('usage: node tools/publish.mjs <site folder> [quality]');
  process.exit(2);
}
const staging = join(site, 'staging');
pack(staging);
const names = readdirSync(staging)
  .filter((name) => statSync(join(staging, name)).isFile())
  .sort();
const hash = createHash('sha256');
for (const name of names) {
  hash.update(name).update('\0').update(readFileSync(join(staging, name))).update('\0');
}
const id = hash.digest('hex').slice(0, 16);
const pkg = join(site, 'pkg');
const target = join(pkg, id);
if (!existsSync(target)) {
  // Written beside, then renamed: a server never sees a half-copied build.
  const partial = `${target}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  for (const name of names) copyFileSync(join(staging, name), join(partial, name));
  precompress(partial, Number(quality));
  renameSync(partial, target);
}
writeFileSync(join(site, 'build-id.tmp'), `${id}\n`);
renameSync(join(site, 'build-id.tmp'), join(site, 'build-id'));
// Touched, so the newest builds are the ones kept.
const now = new Date();
utimesSync(target, now, now);
const builds = readdirSync(pkg)
  .filter((name) => /^[0-9a-f]{16}$/.test(name))
  .map((name) => [name, statSync(join(pkg, name)).mtimeMs])
  .sort((a, b) => b[1] - a[1]);
for (const [name] of builds.slice(KEEP)) rmSync(join(pkg, name), { recursive: true, force: true });
// Files of the layout before build ids, which would otherwise be served for ever.
for (const name of readdirSync(pkg)) {
  if (statSync(join(pkg, name)).isFile()) rmSync(join(pkg, name));
}
console.log(`published build ${id} (${names.length} files) in ${pkg}`);
