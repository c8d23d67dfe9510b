import type { Db } from '../../db/client';
import { datasets, lastRoadImport, postgisVersion, tableCounts } from '../../db/queries/health';

export async function health(db: Db) {
  const [postgis, counts, loaded, roadImport] = await Promise.all([
    postgisVersion(db),
    tableCounts(db),
    datasets(db),
    lastRoadImport(db),
  ]);
  return {
    status: 'ok' as const,
    engine: db.engine,
    postgis,
    datasets: loaded,
    /** True when any loaded dataset is synthetic: the UI then shows 演示数据. */
    synthetic: loaded.some((d) => d.synthetic),
    /** The roads' origin: the dataset's generated network, or the last `npm run import:roads`. */
    roads: roadImport ? { source: 'import' as const, ...roadImport } : { source: 'dataset' as const },
    counts,
  };
}
