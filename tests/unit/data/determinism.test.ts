import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateDemoCounty } from '../../../data/synthetic/generate';
import { loadRealCountyData } from '../../../data/wuyang/load';
import { GENERATE_TIMEOUT_MS } from './demo-county';

const hash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

describe('generateDemoCounty determinism', () => {
  it(
    'gives byte-identical output for the same seed, other output for another seed, and leaves its input alone',
    () => {
      const real = loadRealCountyData();
      const input = hash(real);
      const a = hash(generateDemoCounty(real));
      expect(hash(real)).toBe(input);
      expect(hash(generateDemoCounty(loadRealCountyData()))).toBe(a);
      const other = generateDemoCounty(real, 7);
      expect(hash(other)).not.toBe(a);
      expect(other.dataset.seed).toBe(7);
    },
    GENERATE_TIMEOUT_MS,
  );
});
