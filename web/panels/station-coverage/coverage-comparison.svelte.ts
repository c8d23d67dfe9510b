/**
 * The station-coverage panel's comparison: the 二中队 button or a saved scenario against the
 * baseline, at the panel's threshold. An answer that comes back after another request was made
 * is dropped; failures go to the panel's error line ('compare').
 */
import { type PlacedError, placed } from '../../api-error';
import { type Comparison, fetchComparison, type Scenario } from './api';
import type { Threshold } from './coverage-model';

export type Compared = { kind: 'built' } | { kind: 'scenario'; id: number; name: string };

interface Panel {
  threshold(): Threshold;
  /** The chosen county (`county=`), undefined for the focus county. */
  county(): string | undefined;
  failed(error: PlacedError): void;
  succeeded(at: string): void;
}

export class CoverageComparison {
  answer = $state.raw<Comparison | undefined>(undefined);
  /** What the comparison is of: the 二中队 button or a saved scenario. */
  of = $state.raw<Compared | undefined>(undefined);
  running = $state(false);
  #request = 0;

  constructor(private readonly panel: Panel) {}

  /** One click: every built unit (二中队) on duty against the baseline. */
  built(): Promise<void> {
    return this.#run({ kind: 'built' });
  }

  scenario(s: Scenario): Promise<void> {
    return this.#run({ kind: 'scenario', id: s.id, name: s.name });
  }

  /** The comparison again at the current threshold (the threshold switch calls it). */
  again(): Promise<void> | undefined {
    return this.of ? this.#run(this.of) : undefined;
  }

  clear(): void {
    this.#request++;
    this.answer = undefined;
    this.of = undefined;
  }

  async #run(what: Compared): Promise<void> {
    const n = ++this.#request;
    this.running = true;
    const threshold = String(this.panel.threshold());
    // A scenario is compared on its own county; the 二中队 button on the chosen one.
    const county = this.panel.county();
    const q =
      what.kind === 'built'
        ? { activate: 'built', threshold, ...(county ? { county } : {}) }
        : { scenario: String(what.id), threshold };
    try {
      const answer = await fetchComparison(q);
      if (n !== this.#request) return;
      this.answer = answer;
      this.of = what;
      this.panel.succeeded('compare');
    } catch (err) {
      if (n === this.#request) this.panel.failed(placed('compare', err));
    } finally {
      if (n === this.#request) this.running = false;
    }
  }
}
