// Writes a brotli (.br) and a gzip (.gz) copy beside every WASM, JS, CSS, JSON and pack file in a
// folder, which the server's file service sends to browsers that accept them. Node's own
// zlib: nothing to install. Used by publish.mjs.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

/** Packs every file of `dir` at brotli `quality` (0–11); returns what it did, in bytes. */
export function precompress(dir, quality) {
  let [files, before, after] = [0, 0, 0];
  for (const name of readdirSync(dir)) {
    if (!/\.(wasm|js|css|json|bin)$/.test(name)) continue;
    const path = join(dir, name);
    const data = readFileSync(path);
    const br = brotliCompressSync(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: quality,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    });
    writeFileSync(`${path}.br`, br);
    writeFileSync(`${path}.gz`, gzipSync(data, { level: 9 }));
    files += 1;
    before += data.length;
    after += br.length;
  }
  const kb = (n) => Math.round(n / 1024);
  console.log(`precompressed ${files} files in ${dir}: ${kb(before)} KB, ${kb(after)} KB as brotli`);
  return { files, before, after };
}
