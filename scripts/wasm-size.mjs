// Prints the release wasm's size raw, gzipped and brotli-compressed (best
// levels, as a static-file server would precompress them).
import { readdirSync, readFileSync } from "node:fs";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

const dir = "target/site/pkg";
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
for (const name of readdirSync(dir).filter((f) => f.endsWith(".wasm"))) {
  const raw = readFileSync(`${dir}/${name}`);
  const gz = gzipSync(raw, { level: 9 }).length;
  const br = brotliCompressSync(raw, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
  }).length;
  console.log(`${name}: raw ${kb(raw.length)}, gzip ${kb(gz)}, brotli ${kb(br)}`);
}
