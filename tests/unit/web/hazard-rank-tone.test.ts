import { describe, expect, it } from 'vitest';
import { metrics, moveTone } from '../../../web/panels/hazard-density/hazard-density.svelte';

describe('moveTone: how a township moving up or down the ranking reads', () => {
  it('climbing in open or rebounding hazards is bad, in rectification good', () => {
    expect(moveTone('open', 2)).toBe('bad');
    expect(moveTone('open', -2)).toBe('good');
    expect(moveTone('reboundRate', 1)).toBe('bad');
    expect(moveTone('rectifiedRate', 3)).toBe('good');
    expect(moveTone('rectifiedRate', -1)).toBe('bad');
  });

  it('activity metrics and unchanged ranks are neutral', () => {
    expect(moveTone('found', 5)).toBe('neutral');
    expect(moveTone('enforcement', -5)).toBe('neutral');
    for (const m of metrics) expect(moveTone(m, 0)).toBe('neutral');
  });

  it('a move up and the same move down never read the same unless neutral', () => {
    for (const m of metrics) {
      const up = moveTone(m, 1);
      const down = moveTone(m, -1);
      if (up === 'neutral') expect(down).toBe('neutral');
      else expect(up).not.toBe(down);
    }
  });
});
