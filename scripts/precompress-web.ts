// After `vite build`: a brotli (.br) and a gzip (.gz) copy beside every fingerprinted text asset of
// web/dist, at the highest levels, once. The api serves them as they are (@fastify/static
// preCompressed), so a phone downloads the compressed bytes and no request pays for compressing.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const ASSETS = fileURLToPath(new URL('../web/dist/assets', import.meta.url));
const TEXT = /\.(js|css|svg|json|txt|map)$/;

let raw = 0;
let br = 0;
for (const name of readdirSync(ASSETS)) {
  if (!TEXT.test(name)) continue;
  const file = join(ASSETS, name);
  const body = readFileSync(file);
  // Tiny files gain nothing; the server sends them as they are.
  if (body.length < 1024) continue;
  const brotli = brotliCompressSync(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  });
  writeFileSync(`${file}.br`, brotli);
  writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
  raw += body.length;
  br += brotli.length;
}
console.log(`precompressed web/dist/assets: ${(raw / 1024).toFixed(0)} kB → ${(br / 1024).toFixed(0)} kB brotli`);
