/**
 * Hydrant inspections (巡检, issue 13): one row per inspection with its result and checks, up to
 * three photos, and the inspection interval per hydrant kind (a county setting). The hydrant's
 * status and `last_inspected_on` follow its latest inspection (server/services/inspections.ts).
 * Anchors: StationOne's 365-day cycle and checks; the Kedacom water-source model (DOMAIN.md §7).
 */
import {
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { hydrantKind, hydrants } from './schema';

/** 完好 / 故障 / 无法检测 (被占压、遮挡) / 缺失. */
export const inspectionResult = pgEnum('inspection_result', ['ok', 'faulty', 'untestable', 'missing']);

/** What was checked; every field optional (a check not made is absent, not false). */
export interface InspectionChecks {
  /** Outlet caps present and sound (出水口盖). */
  capsOk?: boolean;
  /** The valve opens and closes (阀门启闭). */
  valveOk?: boolean;
  /** Static pressure, MPa (静压). */
  staticPressureMpa?: number;
  /** Flow, L/s, if a flow test was made (流量). */
  flowLps?: number;
  /** Sign and marking in place (标识). */
  signageOk?: boolean;
  /** Blocked by a parked car, goods, growth (占压、遮挡). */
  obstructed?: boolean;
  /** Leaking (漏水). */
  leak?: boolean;
  /** Frost protection in place (防冻). */
  frostProtected?: boolean;
}

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

export const hydrantInspections = pgTable(
  'hydrant_inspections',
  {
    id: serial('id').primaryKey(),
    adcode: text('adcode').notNull(),
    hydrantId: integer('hydrant_id')
      .notNull()
      .references(() => hydrants.id),
    /** The hydrant's township when inspected (the township scope of the record). */
    townshipCode: text('township_code'),
    inspectedOn: date('inspected_on', { mode: 'string' }).notNull(),
    /** The signed-in user who recorded it (user name). */
    inspector: text('inspector').notNull(),
    result: inspectionResult('result').notNull(),
    checks: jsonb('checks').$type<InspectionChecks>().notNull(),
    note: text('note'),
    /** Where the phone was when it was recorded, if it offered its position (WGS84). */
    lon: doublePrecision('lon'),
    lat: doublePrecision('lat'),
    accuracyM: doublePrecision('accuracy_m'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('hydrant_inspections_hydrant').on(t.hydrantId, t.inspectedOn),
    index('hydrant_inspections_township').on(t.townshipCode),
  ],
);

/** Photos of an inspection (at most 3, each ≤ 200 KB, JPEG / PNG / WebP), stored with the record. */
export const hydrantInspectionPhotos = pgTable(
  'hydrant_inspection_photos',
  {
    id: serial('id').primaryKey(),
    inspectionId: integer('inspection_id')
      .notNull()
      .references(() => hydrantInspections.id, { onDelete: 'cascade' }),
    mime: text('mime').notNull(),
    bytes: bytea('bytes').notNull(),
  },
  (t) => [index('hydrant_inspection_photos_inspection').on(t.inspectionId)],
);

/** Days between inspections, per county and hydrant kind (default 365; many cities ask 30 or 90). */
export const inspectionIntervals = pgTable(
  'inspection_intervals',
  {
    adcode: text('adcode').notNull(),
    kind: hydrantKind('kind').notNull(),
    days: integer('days').notNull(),
  },
  (t) => [primaryKey({ columns: [t.adcode, t.kind] })],
);
