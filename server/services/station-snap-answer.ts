/** GET /api/coverage/stations/snap: where a unit placed at a spot would join the road network, and whether it may. */
import type { Db } from '../../db/client';
import { stationNetwork } from './station-network';
import { snapPoint } from './station-snap';

export async function stationSnap(db: Db, lon: number, lat: number, maxOffRoadM: number, county?: string) {
  const { network } = await stationNetwork(db, county);
  return { lon, lat, ...snapPoint(network, lon, lat, maxOffRoadM) };
}
