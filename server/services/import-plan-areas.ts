/**
 * What the dry run adds for an area layer (import-plan.ts): the columns a commit writes, the
 * township codes that belong to another county, and the preview's polygons with what a commit
 * does with each and the county area no township would cover afterwards.
 */
import type { FeatureCollection, MultiPolygon } from 'geojson';
import type { Db } from '../../db/client';
import { uncoveredM2 } from '../../db/queries/import-areas';
import type { ImportLayer } from '../import/layers/types';
import type { ParsedRow } from '../import/row-values';
import { rowError } from './import-placed';

export interface AreaPreview {
  features: FeatureCollection<MultiPolygon, { row: number; code: string | null; name: string | null; action: string }>;
  /** m² of the county no township would cover after the commit (beyond 1 m); null for the county layer. */
  uncoveredM2: number | null;
}

export function areaColumns(layer: ImportLayer): string[] {
  const rules = layer.area;
  if (!rules) return [];
  return [
    ...layer.fields.map((f) => f.column),
    ...(rules.topology === 'townships' ? ['adcode'] : ['focus']),
    ...Object.keys(rules.constants),
    rules.labelColumn,
    ...(rules.areaColumn ? [rules.areaColumn] : []),
    'geom',
  ];
}

/** A township code is the county's adcode and three digits: one of another county is refused. */
export function wrongCounty(parsed: ParsedRow[], county: { adcode: string; name: string }): void {
  for (const p of parsed) {
    const code = p.values.code;
    if (typeof code !== 'string' || p.errors.length > 0 || code.startsWith(county.adcode)) continue;
    p.errors.push(
      rowError(p.row, '乡镇代码', 'code', {
        zh: `乡镇代码 ${code} 不属于${county.name}（${county.adcode}）`,
        en: `township code ${code} is not of the county ${county.adcode}`,
      }),
    );
  }
}

export async function areaPreview(
  db: Db,
  layer: ImportLayer,
  adcode: string,
  parsed: ParsedRow[],
  shapes: (MultiPolygon | null)[],
  action: Map<number, string>,
): Promise<AreaPreview> {
  const codeColumn = layer.codeColumn ?? 'code';
  const features = parsed.flatMap((p, i) => {
    const geometry = shapes[i];
    if (!geometry) return [];
    const code = (p.values[codeColumn] as string | undefined) ?? null;
    const name = (p.values.name as string | undefined) ?? null;
    return [
      {
        type: 'Feature' as const,
        geometry,
        properties: { row: p.row, code, name, action: action.get(i) ?? 'invalid' },
      },
    ];
  });
  const valid = features.filter((f) => f.properties.action !== 'invalid' && f.properties.code !== null);
  const uncovered =
    layer.area?.topology === 'townships'
      ? await uncoveredM2(
          db,
          adcode,
          valid.map((f) => ({ n: f.properties.row, code: f.properties.code as string, geom: f.geometry })),
        )
      : null;
  return {
    features: { type: 'FeatureCollection', features },
    uncoveredM2: uncovered === null ? null : Math.round(uncovered),
  };
}
