/**
 * A time budget for one heavy analysis. The analysis calls `step()` between its phases: that
 * yields to the event loop (other requests — a health probe, a sign-in — are served between
 * phases) and answers 503 once the budget is spent, so no request computes without end.
 * A phase itself is not interrupted: the budget bounds the work to the budget plus one phase.
 */
import { AppError } from '../errors';

export interface ComputeBudget {
  step(phase: string): Promise<void>;
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export function computeBudget(ms: number, now: () => number = () => performance.now()): ComputeBudget {
  const start = now();
  return {
    async step(phase) {
      await yieldToLoop();
      const spent = now() - start;
      if (spent > ms) {
        throw new AppError(
          503,
          'busy',
          `分析超出 ${Math.round(ms / 1000)} 秒的计算时限（${phase}），请减少阈值或增大网格 (analysis over its ${Math.round(ms / 1000)} s budget at ${phase}: fewer thresholds or a larger cell)`,
          { budgetMs: ms, spentMs: Math.round(spent), phase },
        );
      }
    },
  };
}

/** No budget (tests and CLIs that call services directly). */
export const unlimited: ComputeBudget = { step: yieldToLoop };
