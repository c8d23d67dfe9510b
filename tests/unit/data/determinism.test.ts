import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateDemoCounty } from '../../../data/synthetic/generate';
import { loadRealCountyData } from '../../../data/wuyang/load';
import { GENERATE_TIMEOUT_MS } from './demo-county';

const hash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

describe('generateDemoCounty determinism', () => {
  it(
    'gives byte-identical output for the same seed and different output for another seed',
    () => {
      const real = loadRealCountyData();
      const a = hash(generateDemoCounty(real));
      const b = hash(generateDemoCounty(loadRealCountyData()));
      expect(b).toBe(a);
      const other = generateDemoCounty(real, 7);
      expect(hash(other)).not.toBe(a);
      expect(other.dataset.seed).toBe(7);
    },
    GENERATE_TIMEOUT_MS,
  );

  it(
    'does not modify its input',
    () => {
      const real = loadRealCountyData();
      const before = hash(real);
      generateDemoCounty(real);
      expect(hash(real)).toBe(before);
    },
    GENERATE_TIMEOUT_MS,
  );
});
