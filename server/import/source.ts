/** What every reader hands the pipeline: named columns of text cells, and a point where the file has geometry. */
import type { XY } from '../geo/crs/systems';

export type ImportFormat = 'xlsx' | 'csv' | 'geojson' | 'kml' | 'kmz' | 'shapefile';

export interface SourceRow {
  /** Row number as the user sees it: the sheet's row (header = its own row), or the feature's 1-based index. */
  row: number;
  cells: Record<string, string>;
  /** The feature's point (GeoJSON, KML, Shapefile), in the file's own system. */
  point?: XY;
  /** The feature's geometry is not a point (a line, a polygon). */
  notPoint?: string;
  /** The feature's polygon (Polygon / MultiPolygon as rings of [x, y]), in the file's own system. */
  shape?: XY[][][];
}

export interface SourceTable {
  format: ImportFormat;
  /** Text encoding a CSV was read in; null for other formats. */
  encoding: string | null;
  columns: string[];
  rows: SourceRow[];
  /** A system the file itself declares (a Shapefile's .prj already applied, a GeoJSON `crs` member). */
  declaredCrs: string | null;
}
