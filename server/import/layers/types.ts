/**
 * What an import layer declares (one module per layer, registered in registry.ts): its table, the
 * columns a brigade's sheet may carry with the names people give them, how each cell is read and
 * checked, and what the template shows. The pipeline (server/import/*) knows nothing else of a layer.
 */
import type { Bilingual } from '../messages';

export type FieldType = 'text' | 'integer' | 'number' | 'date' | 'enum' | 'list';

export interface ImportField {
  /** The table's column (snake case): the value is written to it. */
  column: string;
  zh: string;
  en: string;
  /** Other header names people use (matched after normalizing case, blanks and brackets). */
  aliases: readonly string[];
  type: FieldType;
  required?: boolean;
  /** enum: stored value → the spellings accepted (the label table's labels are added by the layer). */
  values?: Readonly<Record<string, readonly string[]>>;
  min?: number;
  max?: number;
  /** Longest text (characters). */
  maxLength?: number;
  /** The value written when the cell is empty (not for required fields). */
  fallback?: unknown;
  help: Bilingual;
  /** The template's example cell. */
  example: string;
  /** Read and checked but not a column of the table (a site code resolved to site_id). */
  virtual?: boolean;
}

/** A cross-field problem of one row: the field it is about and why. */
export interface RowProblem {
  field: string;
  reason: Bilingual;
}

/** Rows of another table each imported row brings (a hazard's lifecycle steps). */
export interface ChildRows {
  table: string;
  /** The child's column holding the parent's id. */
  parentColumn: string;
  rows(values: Readonly<Record<string, unknown>>, adcode: string): Record<string, unknown>[];
}

export interface ImportLayer {
  id: string;
  zh: string;
  en: string;
  table: string;
  fields: readonly ImportField[];
  /** Rows must fall in a township (the column is NOT NULL) — else "outside the county". */
  townshipRequired: boolean;
  /** A new row closer than this (m) to an existing row of the layer is reported as a duplicate. */
  duplicateM: number;
  /**
   * 'point': each row has a place (coordinates; a polygon gives its label point); 'area': each row
   * is a polygon (boundaries: GeoJSON / KML / Shapefile only); 'none': a record of a site (hazards, enforcement);
   * 'network': the county's road network, replaced whole by the road import (import-roads-layer.ts);
   * 'optional': a row may carry a point (a patrol of a free address), read when its cells are given.
   */
  geometry: 'point' | 'area' | 'none' | 'network' | 'optional';
  /**
   * 'work': township work records (patrols, trainings, village visits), placed by their site,
   * township, village or point (server/services/import-place-work.ts); else by geometry.
   */
  placement?: 'work';
  /** The table's primary key (default `id`): what import_rows records and undo finds rows by. */
  rowKey?: string;
  /** The column a row is matched by when `key.kind` is 'code' (default `code`). */
  codeColumn?: string;
  /** Point layers: a polygon feature gives its label point (villages drawn as 村界). */
  labelsAreas?: boolean;
  /** Area layers: how the polygons are checked and what else they carry (import-place-areas.ts). */
  area?: AreaRules;
  /**
   * How a row finds the row it would update: its `code`; or, for records without one, the columns
   * that make two records the same (a match is left alone, so importing a file twice adds nothing).
   */
  key: { kind: 'code' } | { kind: 'natural'; columns: readonly string[] };
  /** The (virtual) field naming the row's site by code: the row takes site_id, township and county from it. */
  siteRef?: string;
  /** Cross-field checks and derived values, after every cell is read. */
  finish?(values: Record<string, unknown>): RowProblem[];
  children?: ChildRows;
}

/** What an area layer's polygons must satisfy and what the pipeline derives for them. */
export interface AreaRules {
  /** 'townships': inside the county, no overlap with another township beyond 1 m; 'county': holds its townships. */
  topology: 'townships' | 'county';
  /** The label point column derived from the polygon (kept on an update while it stays inside). */
  labelColumn: string;
  /** Derived columns written besides the fields, the polygon, the label point and `adcode` (constant per layer). */
  constants: Readonly<Record<string, unknown>>;
  /** The area column (km²), when the table keeps one. */
  areaColumn?: string;
}
