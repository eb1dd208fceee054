// An honest Node range: every package in the lockfile declares `engines.node` that admits every
// Node version package.json promises (so `npm ci` prints no EBADENGINE warning on any of them).
import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const read = (file: string) => JSON.parse(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8')) as unknown;
const pkg = read('package.json') as { engines: { node: string } };
const lock = read('package-lock.json') as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
};

describe('the Node range package.json declares', () => {
  it('is a valid range that includes the maintained LTS lines the image and CI use', () => {
    const declared = pkg.engines.node;
    expect(semver.validRange(declared)).not.toBeNull();
    for (const v of ['20.19.0', '20.20.2', '22.13.0', '22.22.0', '24.0.0', '24.12.0']) {
      expect(semver.satisfies(v, declared), v).toBe(true);
    }
  });

  it('is admitted by every package in the lockfile', () => {
    const declared = pkg.engines.node;
    const narrower = Object.entries(lock.packages)
      .filter(([path]) => path !== '')
      .flatMap(([path, entry]) => {
        // Some old packages write engines as an array of strings; npm ignores those.
        const range = entry.engines && !Array.isArray(entry.engines) ? entry.engines.node : undefined;
        if (!range || semver.subset(declared, range)) return [];
        return [`${path.replace(/^.*node_modules\//, '')}@${entry.version} needs ${range}`];
      });
    expect(narrower).toEqual([]);
  });
});
