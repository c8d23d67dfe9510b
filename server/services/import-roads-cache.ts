/**
 * The county's roads as segments for the coordinate detection, built once per road network
 * (count and max id of the county's roads, as the station network's cache does).
 */
import type { Db } from '../../db/client';
import { countyRoadLines, roadsStamp } from '../../db/queries/imports';
import type { RoadSegment } from '../geo/crs/road-fit';
import type { XY } from '../geo/crs/systems';

const cache = new Map<string, Promise<RoadSegment[]>>();
const KEEP = 4;

export async function importRoadSegments(db: Db, adcode: string): Promise<RoadSegment[]> {
  const key = `${db.engine}:${adcode}:${await roadsStamp(db, adcode)}`;
  let entry = cache.get(key);
  if (!entry) {
    entry = countyRoadLines(db, adcode).then((lines) =>
      lines.flatMap((line) => line.slice(1).map((p, i) => [line[i] as XY, p as XY] as const)),
    );
    cache.set(key, entry);
    entry.catch(() => cache.delete(key));
    while (cache.size > KEEP) cache.delete(cache.keys().next().value as string);
  }
  return entry;
}
