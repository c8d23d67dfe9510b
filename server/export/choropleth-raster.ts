/**
 * A township choropleth drawn into pixels without a graphics library (none is installed; the
 * .docx needs a raster image): even-odd scanline fill of each township's rings, outlines, and the
 * township's rank at its label point in a 5×7 digit font. Lon/lat are scaled by cos(latitude) so the
 * county keeps its shape (an equirectangular view at the county's latitude; north up).
 */
import type { MultiPolygon, Position } from 'geojson';
import { encodePng } from './png';

export interface MapArea {
  geom: MultiPolygon;
  /** #rrggbb */
  fill: string;
  /** Drawn at the label point (e.g. the rank). */
  label: string;
  labelAt: Position;
}

const DIGITS: Record<string, string[]> = {
  '0': ['01110', '10001', '10011', '10101', '11001', '10001', '01110'],
  '1': ['00100', '01100', '00100', '00100', '00100', '00100', '01110'],
  '2': ['01110', '10001', '00001', '00010', '00100', '01000', '11111'],
  '3': ['11110', '00001', '00001', '01110', '00001', '00001', '11110'],
  '4': ['00010', '00110', '01010', '10010', '11111', '00010', '00010'],
  '5': ['11111', '10000', '11110', '00001', '00001', '10001', '01110'],
  '6': ['00110', '01000', '10000', '11110', '10001', '10001', '01110'],
  '7': ['11111', '00001', '00010', '00100', '01000', '01000', '01000'],
  '8': ['01110', '10001', '10001', '01110', '10001', '10001', '01110'],
  '9': ['01110', '10001', '10001', '01111', '00001', '00010', '01100'],
};

const rgbOf = (hex: string): [number, number, number] => [
  Number.parseInt(hex.slice(1, 3), 16),
  Number.parseInt(hex.slice(3, 5), 16),
  Number.parseInt(hex.slice(5, 7), 16),
];

export function renderChoropleth(
  areas: readonly MapArea[],
  width: number,
): { png: Buffer; width: number; height: number } {
  const all = areas.flatMap((a) => a.geom.coordinates.flat(2) as unknown as Position[]);
  const lons = all.map((p) => p[0] as number);
  const lats = all.map((p) => p[1] as number);
  const [x0, x1, y0, y1] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const k = Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
  const pad = 12;
  const scale = (width - 2 * pad) / ((x1 - x0) * k);
  const height = Math.ceil((y1 - y0) * scale) + 2 * pad;
  const px = (p: Position): [number, number] => [
    pad + ((p[0] as number) - x0) * k * scale,
    pad + (y1 - (p[1] as number)) * scale,
  ];
  const rgb = new Uint8Array(width * height * 3).fill(255);
  const set = (x: number, y: number, c: [number, number, number]) => {
    if (x < 0 || y < 0 || x >= width || y >= height) return;
    const i = (y * width + x) * 3;
    rgb[i] = c[0];
    rgb[i + 1] = c[1];
    rgb[i + 2] = c[2];
  };
  for (const a of areas) {
    const c = rgbOf(a.fill);
    const rings = a.geom.coordinates.flatMap((poly) => poly.map((ring) => ring.map(px)));
    for (let y = 0; y < height; y++) {
      const yc = y + 0.5;
      const xs: number[] = [];
      for (const ring of rings) {
        for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
          const [xi, yi] = ring[i] as [number, number];
          const [xj, yj] = ring[j] as [number, number];
          if (yi > yc !== yj > yc) xs.push(xi + ((yc - yi) / (yj - yi)) * (xj - xi));
        }
      }
      xs.sort((p, q) => p - q);
      for (let i = 0; i + 1 < xs.length; i += 2) {
        for (let x = Math.ceil((xs[i] as number) - 0.5); x < (xs[i + 1] as number) - 0.5; x++) set(x, y, c);
      }
    }
  }
  const line: [number, number, number] = [80, 80, 80];
  for (const a of areas) {
    for (const ring of a.geom.coordinates.flatMap((poly) => poly.map((r) => r.map(px)))) {
      for (let i = 1; i < ring.length; i++) {
        const [ax, ay] = ring[i - 1] as [number, number];
        const [bx, by] = ring[i] as [number, number];
        const steps = Math.ceil(Math.max(Math.abs(bx - ax), Math.abs(by - ay))) + 1;
        for (let s = 0; s <= steps; s++)
          set(Math.round(ax + ((bx - ax) * s) / steps), Math.round(ay + ((by - ay) * s) / steps), line);
      }
    }
  }
  // Labels: digits scaled 2×, white halo, dark ink.
  const S = 2;
  for (const a of areas) {
    const [cx, cy] = px(a.labelAt);
    const chars = [...a.label].filter((ch) => DIGITS[ch]);
    const w = chars.length * 6 * S - S;
    const left = Math.round(cx - w / 2);
    const top = Math.round(cy - (7 * S) / 2);
    for (let pass = 0; pass < 2; pass++) {
      chars.forEach((ch, n) => {
        (DIGITS[ch] as string[]).forEach((row, ry) => {
          [...row].forEach((bit, rx) => {
            if (bit !== '1') return;
            for (let dy = 0; dy < S; dy++)
              for (let dx = 0; dx < S; dx++) {
                const x = left + n * 6 * S + rx * S + dx;
                const y = top + ry * S + dy;
                if (pass === 0)
                  for (let h = -1; h <= 1; h++) for (let v = -1; v <= 1; v++) set(x + h, y + v, [255, 255, 255]);
                else set(x, y, [33, 37, 41]);
              }
          });
        });
      });
    }
  }
  return { png: encodePng(width, height, rgb), width, height };
}
