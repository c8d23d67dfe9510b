/**
 * A Vite build plugin: writes a Brotli (.br) and a gzip (.gz) copy beside every text file the
 * build emits, so that the server sends them as they are (serveStatic's `precompressed`) —
 * compressed once per build at the highest levels rather than on every request. The app's
 * script is ~1.7 MB; as Brotli it is about a quarter of that, which a township's link feels.
 * (No plugin for this is among the installed packages, and it is a dozen lines of node:zlib.)
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const TEXT = /\.(?:js|mjs|css|html|svg|json|txt)$/;
/** Smaller files gain little and cost a request's worth of headers anyway. */
const MIN_BYTES = 1024;

export function precompress(): Plugin {
  return {
    name: 'fireatlas-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? '';
      await Promise.all(
        Object.keys(bundle)
          .filter((name) => TEXT.test(name))
          .map(async (name) => {
            const path = join(dir, name);
            const data = await readFile(path);
            if (data.length < MIN_BYTES) return;
            const [br, gz] = await Promise.all([
              promisify(brotliCompress)(data, {
                params: {
                  [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
                  [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
                },
              }),
              promisify(gzip)(data, { level: 9 }),
            ]);
            await Promise.all([writeFile(`${path}.br`, br), writeFile(`${path}.gz`, gz)]);
          }),
      );
    },
  };
}
