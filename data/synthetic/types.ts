/**
 * What the demo-county generator hands to the seeder: rows ready for insertion, in the
 * shapes of the Drizzle schema (geometry as GeoJSON). Sites and hazards carry explicit ids
 * so hazards, transitions and enforcement can refer to them before insertion; notices likewise for
 * the hazards they name.
 */
import type * as schema from '../../db/schema';
import type * as notices from '../../db/schema-notices';
import type * as work from '../../db/schema-township-work';

type Insert<T extends { $inferInsert: unknown }> = T['$inferInsert'];

export interface DemoCountyData {
  dataset: Insert<typeof schema.datasets>;
  counties: Insert<typeof schema.counties>[];
  townships: Insert<typeof schema.townships>[];
  villages: Insert<typeof schema.villages>[];
  roadClasses: Insert<typeof schema.roadClasses>[];
  roads: Omit<Insert<typeof schema.roads>, 'id'>[];
  parks: Omit<Insert<typeof schema.parks>, 'id'>[];
  pois: Omit<Insert<typeof schema.pois>, 'id'>[];
  units: Omit<Insert<typeof schema.units>, 'id'>[];
  hydrants: Omit<Insert<typeof schema.hydrants>, 'id'>[];
  sites: (Insert<typeof schema.sites> & { id: number })[];
  hazards: (Insert<typeof schema.hazards> & { id: number })[];
  hazardTransitions: Omit<Insert<typeof schema.hazardTransitions>, 'id'>[];
  enforcementActions: Omit<Insert<typeof schema.enforcementActions>, 'id'>[];
  patrols: Omit<Insert<typeof work.patrols>, 'id'>[];
  trainings: Omit<Insert<typeof work.trainings>, 'id'>[];
  villageVisits: Omit<Insert<typeof work.villageVisits>, 'id'>[];
  notices: (Insert<typeof notices.notices> & { id: number })[];
  noticeHazards: Insert<typeof notices.noticeHazards>[];
}
