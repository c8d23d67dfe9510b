/** GET /api/coverage/stations/snap: where a unit placed at a spot would join the road network, and whether it may. */
import type { Db } from '../../db/client';
import { stationNetwork } from './station-network';
import { snapPoint } from './station-snap';

export async function stationSnap(db: Db, lon: number, lat: number, maxOffRoadM: number) {
  const { network } = await stationNetwork(db);
  return { lon, lat, ...snapPoint(network, lon, lat, maxOffRoadM) };
}
