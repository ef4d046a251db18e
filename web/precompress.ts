// Vite build step: a brotli (.br) and a gzip (.gz) copy beside every built text file,
// so the server sends the bytes as they are (src/http/web-app.ts) instead of compressing
// on every request. Skipped where compressing does not make the file smaller.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|xml|map)$/;
const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** Writes `<path>.br` and `<path>.gz` (each only when smaller than the file). */
export async function precompressFile(path: string): Promise<void> {
  const raw = await readFile(path);
  const [br, gz] = await Promise.all([
    brotli(raw, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    }),
    gzipped(raw, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  await Promise.all([br.length < raw.length && writeFile(`${path}.br`, br), gz.length < raw.length && writeFile(`${path}.gz`, gz)]);
}

export function precompress(): Plugin {
  return {
    name: 'erp:precompress',
    apply: 'build',
    // after the files are on disk: what is compressed is exactly what was written
    async writeBundle(options, bundle) {
      const dir = options.dir;
      if (!dir) throw new Error('precompress: the build has no output folder');
      await Promise.all(
        Object.keys(bundle)
          .filter((file) => COMPRESSIBLE.test(file))
          .map((file) => precompressFile(join(dir, file))),
      );
    },
  };
}
