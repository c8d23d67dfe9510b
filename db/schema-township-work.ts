/**
 * Township work records (issue 15, the report's 基层力量建设): fire patrols (防火巡查) at a site or a
 * free address with a point, training and publicity sessions (宣传培训), and guidance visits to
 * administrative villages (指导行政村). Every row carries its township: township users write their own.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgEnum, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { point, sites, townships, villages } from './schema';

/** 培训 / 演练 / 宣传 / 横幅 / 资料 (training, drill, publicity event, banner, leaflets). */
export const trainingKind = pgEnum('training_kind', ['training', 'drill', 'publicity', 'banner', 'leaflet']);

export const patrols = pgTable(
  'patrols',
  {
    id: serial('id').primaryKey(),
    adcode: text('adcode').notNull(),
    townshipCode: text('township_code')
      .notNull()
      .references(() => townships.code),
    /** The site patrolled, or null for a place given by its address and point. */
    siteId: integer('site_id').references(() => sites.id),
    address: text('address'),
    geom: point('geom'),
    patrolledOn: date('patrolled_on', { mode: 'string' }).notNull(),
    patroller: text('patroller').notNull(),
    hazardsFound: integer('hazards_found').notNull().default(0),
    note: text('note'),
    synthetic: boolean('synthetic').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('patrols_township_date').on(t.townshipCode, t.patrolledOn),
    index('patrols_site').on(t.siteId),
    check('patrols_place', sql`${t.siteId} IS NOT NULL OR (${t.address} IS NOT NULL AND ${t.geom} IS NOT NULL)`),
    check('patrols_hazards_found', sql`${t.hazardsFound} >= 0`),
  ],
);

export const trainings = pgTable(
  'trainings',
  {
    id: serial('id').primaryKey(),
    adcode: text('adcode').notNull(),
    townshipCode: text('township_code')
      .notNull()
      .references(() => townships.code),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    kind: trainingKind('kind').notNull(),
    place: text('place').notNull(),
    /** People attending (training, drill, publicity) or items (banners, leaflets). */
    quantity: integer('quantity').notNull(),
    note: text('note'),
    synthetic: boolean('synthetic').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('trainings_township_date').on(t.townshipCode, t.heldOn),
    check('trainings_quantity', sql`${t.quantity} >= 0`),
  ],
);

export const villageVisits = pgTable(
  'village_visits',
  {
    id: serial('id').primaryKey(),
    adcode: text('adcode').notNull(),
    townshipCode: text('township_code')
      .notNull()
      .references(() => townships.code),
    villageCode: text('village_code')
      .notNull()
      .references(() => villages.code),
    visitedOn: date('visited_on', { mode: 'string' }).notNull(),
    topic: text('topic').notNull(),
    note: text('note'),
    synthetic: boolean('synthetic').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('village_visits_township_date').on(t.townshipCode, t.visitedOn)],
);
