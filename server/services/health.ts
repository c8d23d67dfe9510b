import type { Db } from '../../db/client';
import { datasets, postgisVersion, tableCounts } from '../../db/queries/health';

export async function health(db: Db) {
  const [postgis, counts, loaded] = await Promise.all([postgisVersion(db), tableCounts(db), datasets(db)]);
  return {
    status: 'ok' as const,
    engine: db.engine,
    postgis,
    datasets: loaded,
    /** True when any loaded dataset is synthetic: the UI then shows 演示数据. */
    synthetic: loaded.some((d) => d.synthetic),
    counts,
  };
}
