// Writes a brotli (.br) and a gzip (.gz) copy beside every WASM, JS, CSS and JSON file in the
// given folder, which the server's file service sends to browsers that accept them. Files
// whose copies are already newer are skipped. Node's own zlib: nothing to install.
// Usage: node tools/precompress.mjs <folder> [brotli quality 0–11, default 11]
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const [dir, quality = '11'] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node tools/precompress.mjs <folder> [quality]');
  process.exit(2);
}
const fresh = (copy, source) => {
  try {
    return statSync(copy).mtimeMs >= statSync(source).mtimeMs;
  } catch {
    return false;
  }
};
let [files, before, after] = [0, 0, 0];
for (const name of readdirSync(dir)) {
  if (!/\.(wasm|js|css|json)$/.test(name)) continue;
  const path = join(dir, name);
  if (fresh(`${path}.br`, path) && fresh(`${path}.gz`, path)) continue;
  const data = readFileSync(path);
  const br = brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: Number(quality),
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });
  writeFileSync(`${path}.br`, br);
  writeFileSync(`${path}.gz`, gzipSync(data, { level: 9 }));
  files += 1;
  before += data.length;
  after += br.length;
}
if (files > 0) {
  const kb = (n) => Math.round(n / 1024);
  console.log(`precompressed ${files} files in ${dir}: ${kb(before)} KB, ${kb(after)} KB as brotli`);
}
