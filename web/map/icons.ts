/**
 * Unit symbols drawn on a canvas (no sprite URL, so nothing is fetched): shape by kind,
 * fill by status, from the same colour table as the legend. The map gets them through
 * `styleimagemissing`; the legend shows the same canvas as a data URL.
 */
import type { unitKind, unitStatus } from '../../db/schema';

export type UnitKind = (typeof unitKind.enumValues)[number];
export type UnitStatus = (typeof unitStatus.enumValues)[number];

export const unitStatusColors: Record<UnitStatus, { fill: string; stroke: string }> = {
  in_service: { fill: '#d9480f', stroke: '#ffffff' },
  built: { fill: '#f59f00', stroke: '#7a4a00' },
  planned: { fill: '#ffffff', stroke: '#d9480f' },
  closed: { fill: '#adb5bd', stroke: '#495057' },
};

/** Icon size in CSS pixels per kind: the main station reads first. */
const sizes: Record<UnitKind, number> = { station: 26, township_team: 20, micro_station: 13 };

export const unitIconPrefix = 'unit-';
export function unitIconId(kind: UnitKind, status: UnitStatus): string {
  return `${unitIconPrefix}${kind}-${status}`;
}

/** Draws one unit symbol at `ratio` device pixels per CSS pixel. */
export function drawUnitIcon(kind: UnitKind, status: UnitStatus, ratio: number): HTMLCanvasElement {
  const size = sizes[kind];
  const pad = 2;
  const px = Math.ceil((size + pad * 2) * ratio);
  const canvas = document.createElement('canvas');
  canvas.width = px;
  canvas.height = px;
  const ctx = canvas.getContext('2d');
  if (!ctx) return canvas;
  ctx.scale(ratio, ratio);
  const c = pad + size / 2;
  const r = size / 2;
  const { fill, stroke } = unitStatusColors[status];
  ctx.beginPath();
  if (kind === 'station') {
    ctx.roundRect(pad, pad, size, size, 4);
  } else if (kind === 'township_team') {
    ctx.moveTo(c, pad);
    ctx.lineTo(pad + size, c);
    ctx.lineTo(c, pad + size);
    ctx.lineTo(pad, c);
    ctx.closePath();
  } else {
    ctx.arc(c, c, r, 0, Math.PI * 2);
  }
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.lineWidth = status === 'planned' ? 2.5 : 1.5;
  if (status === 'built') ctx.setLineDash([3, 2]);
  ctx.strokeStyle = stroke;
  ctx.stroke();
  if (kind !== 'micro_station') {
    // a cross tells a staffed unit from a micro station even where shapes are hard to see
    ctx.setLineDash([]);
    ctx.strokeStyle = status === 'planned' ? stroke : '#ffffff';
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(c - r / 2.5, c);
    ctx.lineTo(c + r / 2.5, c);
    ctx.moveTo(c, c - r / 2.5);
    ctx.lineTo(c, c + r / 2.5);
    ctx.stroke();
  }
  return canvas;
}

/** The unit symbol for an image id `unit-<kind>-<status>`, or undefined for another id. */
export function unitImage(id: string, ratio: number): HTMLCanvasElement | undefined {
  const unit = parseUnitIconId(id);
  return unit ? drawUnitIcon(unit.kind, unit.status, ratio) : undefined;
}

/** Parses `unit-<kind>-<status>` back into its parts, or null for another image id. */
export function parseUnitIconId(id: string): { kind: UnitKind; status: UnitStatus } | null {
  if (!id.startsWith(unitIconPrefix)) return null;
  const rest = id.slice(unitIconPrefix.length);
  for (const kind of Object.keys(sizes) as UnitKind[]) {
    if (!rest.startsWith(`${kind}-`)) continue;
    const status = rest.slice(kind.length + 1);
    if (status in unitStatusColors) return { kind, status: status as UnitStatus };
  }
  return null;
}
