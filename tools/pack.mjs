// Packs each page's code into one file. tools/split-site leaves a page's code in its own
// module plus dozens to hundreds of chunks it shares with other pages, each fetched on its
// own: on a phone, one round trip after another. Here every page gets a pack, `pack_<n>.bin`,
// holding its module and all its chunks, and the chunk loader is taught to take a chunk out of
// a pack that holds it. `packs.json` names each page's pack; the server preloads it in the head.
// The loose files stay, for a chunk no pack in hand holds.
//
// A pack: a 4-byte little-endian length, that many bytes of JSON naming each part's offset
// and length ({"chunk_12.wasm": [0, 1834], …}), then the parts one after another.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const LOADER = '__wasm_split.______________________.js';
const MARK = '/* packs: tools/pack.mjs */';

// Added to the loader. A page's pack is asked for when its code is (the first page's was
// preloaded by the head, so it is on its way); a chunk is cut from any pack holding it.
const RUNTIME = `${MARK}
const packs = new Map();
function startPack(file) {
    const url = new URL(file, import.meta.url).href;
    if (packs.has(url)) return url;
    const pack = fetch(url).then(async (res) => {
        if (!res.ok) throw new Error(\`\${url}: \${res.status}\`);
        const bytes = await res.arrayBuffer();
        const headerLength = new DataView(bytes).getUint32(0, true);
        const header = JSON.parse(new TextDecoder().decode(new Uint8Array(bytes, 4, headerLength)));
        const parts = new Map();
        for (const [name, [offset, length]] of Object.entries(header)) {
            parts.set(new URL(name, import.meta.url).href, new Uint8Array(bytes, 4 + headerLength + offset, length));
        }
        return parts;
    });
    pack.catch(() => packs.delete(url));
    packs.set(url, pack);
    return url;
}
async function fetchPart(url) {
    for (const pack of [...packs.values()]) {
        const part = await pack.then((parts) => parts.get(url.href), () => undefined);
        if (part) return new Response(part, { headers: { "Content-Type": "application/wasm" } });
    }
    return fetch(url);
}
function withPack(file, load) {
    return (...args) => {
        const url = startPack(file);
        // Once the page's code is in, its pack is let go: loaded chunks are kept by the loader.
        return Promise.resolve(load(...args)).finally(() => packs.delete(url));
    };
}
`;

/** Writes the packs, `packs.json` and the loader that uses them into `dir` (a build). */
export function pack(dir) {
  const loaderPath = join(dir, LOADER);
  let loader = readFileSync(loaderPath, 'utf8');
  if (loader.includes(MARK)) return;
  const manifest = JSON.parse(readFileSync(join(dir, '__wasm_split_manifest.json'), 'utf8'));
  const packs = {};
  let index = 0;
  for (const [split, files] of Object.entries(manifest)) {
    const name = `pack_${index++}.bin`;
    const parts = files.map((file) => [`${file}.wasm`, readFileSync(join(dir, `${file}.wasm`))]);
    let offset = 0;
    const header = {};
    for (const [file, bytes] of parts) {
      header[file] = [offset, bytes.length];
      offset += bytes.length;
    }
    const json = Buffer.from(JSON.stringify(header));
    const length = Buffer.alloc(4);
    length.writeUInt32LE(json.length);
    writeFileSync(join(dir, name), Buffer.concat([length, json, ...parts.map(([, bytes]) => bytes)]));
    packs[split] = name;
    // The page's loader starts its pack before its chunks are fetched.
    const exported = `export const __wasm_split_load_${split} = `;
    if (!loader.includes(exported)) throw new Error(`${LOADER}: no loader for ${split}`);
    loader = loader.replace(exported, `const __unpacked_load_${split} = `);
    loader += `export const __wasm_split_load_${split} = withPack("./${name}", __unpacked_load_${split});\n`;
  }
  const fetches = loader.split('fetch(new URL(').length - 1;
  if (fetches === 0) throw new Error(`${LOADER}: no chunk fetches found`);
  loader = loader.replaceAll('fetch(new URL(', 'fetchPart(new URL(');
  writeFileSync(loaderPath, `${RUNTIME}${loader}`);
  writeFileSync(join(dir, 'packs.json'), JSON.stringify(packs, null, 2));
  console.log(`packed ${index} pages' code (${fetches} chunk fetches now from packs)`);
}
