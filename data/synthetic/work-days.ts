/** Working-day weights for the township work records: weekdays full, weekends light, Spring Festival week quiet. */
import { isoOf, weekdayOf } from './dates';
import { type Rng, WeightedSampler } from './prng';

function workWeight(day: number): number {
  const wd = weekdayOf(day);
  const iso = isoOf(day);
  const w = wd === 0 ? 0.3 : wd === 6 ? 0.5 : 1;
  return iso >= '2023-01-21' && iso <= '2023-01-27' ? w * 0.2 : w;
}

/** Draws days in [from, to] (day numbers) by working-day weight. */
export class DaySampler {
  private readonly sampler: WeightedSampler;
  constructor(
    private readonly from: number,
    to: number,
  ) {
    this.sampler = new WeightedSampler(Array.from({ length: to - from + 1 }, (_, i) => workWeight(from + i)));
  }
  draw(rng: Rng): number {
    return this.from + this.sampler.draw(rng);
  }
}
