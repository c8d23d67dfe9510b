/**
 * The print layout as a PNG (issue 15 §7): the same page as the print view — title, the map, a
 * north arrow, the scale bar, the legend of the layers shown, the date, the data source and the
 * 演示数据 notice — drawn into a canvas at about 150 dpi. Drawn by hand on a 2-D canvas: the page is
 * a handful of boxes and lines of text, and the DOM-to-image libraries re-render the whole page
 * (fonts, SVG, the map canvas) less faithfully than these few calls.
 */
import { drawUnitIcon, parseUnitIconId } from './icons';
import type { Swatch } from './layer-module';

export interface PrintPage {
  title: string;
  /** The map snapshot (a data URL). */
  image: string;
  /** Paper size in millimetres, as oriented. */
  mm: [number, number];
  /** The scale bar in the print view's pixels, and the width the map picture shows at there (to scale the bar with the picture). */
  bar?: { px: number; label: string; viewWidth: number };
  north: string;
  legendTitle: string;
  legend: { title: string; rows: { label: string; swatch: Swatch }[] }[];
  /** Date and data source, one line. */
  footer: string;
  /** The demo-data notice, when the data is a demo. */
  demo?: string;
}

const PX_PER_MM = 6; // ≈ 150 dpi
const INK = '#212529';

/** The page as a PNG data URL, `mm` × 6 pixels. */
export async function printPng(page: PrintPage): Promise<string> {
  const k = PX_PER_MM;
  const [w, h] = [Math.round(page.mm[0] * k), Math.round(page.mm[1] * k)];
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = INK;
  ctx.font = `bold ${8 * k}px sans-serif`;
  ctx.textAlign = 'center';
  ctx.fillText(page.title, w / 2, 14 * k);

  const margin = 8 * k;
  const width = w - 2 * margin;
  const legend = layoutLegend(ctx, page, width);
  ctx.font = `${3.2 * k}px sans-serif`;
  const footLines = [
    ...wrap(ctx, page.footer, width).map((text) => ({ text, color: INK })),
    ...(page.demo ? wrap(ctx, page.demo, width).map((text) => ({ text, color: '#c00000' })) : []),
  ];
  const lineH = 4.6 * k;
  // The map fills the box between the title and the foot, cropped to it as the print view does (object-fit: cover).
  const [mx, my] = [margin, 20 * k];
  const [mw, mh] = [width, h - my - (legend.height + footLines.length * lineH + 10 * k)];
  const img = new Image();
  img.src = page.image;
  await img.decode();
  const s = Math.max(mw / img.width, mh / img.height);
  const [sw, sh] = [mw / s, mh / s];
  ctx.drawImage(img, (img.width - sw) / 2, (img.height - sh) / 2, sw, sh, mx, my, mw, mh);
  ctx.strokeStyle = INK;
  ctx.lineWidth = 1;
  ctx.strokeRect(mx, my, mw, mh);

  ctx.fillStyle = INK;
  ctx.font = `${3.5 * k}px sans-serif`;
  ctx.textAlign = 'center';
  ctx.fillText(`▲ ${page.north}`, mx + mw - 8 * k, my + 8 * k);
  ctx.textAlign = 'left';
  if (page.bar) {
    const barPx = (page.bar.px * (img.width * s)) / page.bar.viewWidth;
    ctx.fillRect(mx + 4 * k, my + mh - 5 * k, barPx, 1.2 * k);
    ctx.fillText(page.bar.label, mx + 4 * k, my + mh - 6.5 * k);
  }
  drawLegend(ctx, legend, margin, my + mh + 6 * k);
  ctx.font = `${3.2 * k}px sans-serif`;
  const footTop = my + mh + legend.height + 8 * k;
  footLines.forEach((line, i) => {
    ctx.fillStyle = line.color;
    ctx.fillText(line.text, margin, footTop + i * lineH);
  });
  return canvas.toDataURL('image/png');
}

/** `text` broken into lines no wider than `width` (at any character: Chinese has no spaces to break at). */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of text) {
    if (line && ctx.measureText(line + ch).width > width) {
      lines.push(line);
      line = '';
    }
    line += ch;
  }
  if (line) lines.push(line);
  return lines;
}

interface PlacedItem {
  x: number;
  y: number;
  text: string;
  bold: boolean;
  swatch?: Swatch;
}

/** Legend entries flowed left to right in lines of the given width. */
function layoutLegend(ctx: CanvasRenderingContext2D, page: PrintPage, width: number) {
  const k = PX_PER_MM;
  const line = 5 * k;
  const items: PlacedItem[] = [];
  let [x, y] = [0, 0];
  const place = (text: string, bold: boolean, swatch?: Swatch) => {
    ctx.font = `${bold ? 'bold ' : ''}${3.2 * k}px sans-serif`;
    const itemW = ctx.measureText(text).width + (swatch ? 5 * k : 0) + 3 * k;
    if (x > 0 && x + itemW > width) [x, y] = [0, y + line];
    items.push({ x, y, text, bold, ...(swatch ? { swatch } : {}) });
    x += itemW;
  };
  place(page.legendTitle, true);
  for (const group of page.legend) {
    place(group.title, true);
    for (const row of group.rows) place(row.label, false, row.swatch);
  }
  return { items, height: items.length ? y + line : 0 };
}

function drawLegend(ctx: CanvasRenderingContext2D, legend: ReturnType<typeof layoutLegend>, x0: number, y0: number) {
  const k = PX_PER_MM;
  ctx.textAlign = 'left';
  for (const item of legend.items) {
    const [x, y] = [x0 + item.x, y0 + item.y];
    let tx = x;
    if (item.swatch) {
      drawSwatch(ctx, item.swatch, x, y - 3 * k, 4 * k);
      tx += 5 * k;
    }
    ctx.fillStyle = INK;
    ctx.font = `${item.bold ? 'bold ' : ''}${3.2 * k}px sans-serif`;
    ctx.fillText(item.text, tx, y);
  }
}

/** A legend swatch in a `size` square at (x, y), as the on-screen Swatch draws it. */
function drawSwatch(ctx: CanvasRenderingContext2D, swatch: Swatch, x: number, y: number, size: number) {
  const c = size / 20; // the on-screen swatch's 20-unit view box
  ctx.save();
  if (swatch.shape === 'icon') {
    const unit = parseUnitIconId(swatch.image);
    if (unit) ctx.drawImage(drawUnitIcon(unit.kind, unit.status, 2), x, y, size, size);
  } else if (swatch.shape === 'circle') {
    ctx.beginPath();
    ctx.arc(x + 10 * c, y + 10 * c, (swatch.radius ?? 5) * c, 0, 2 * Math.PI);
    ctx.fillStyle = swatch.color;
    ctx.fill();
    if (swatch.stroke) {
      ctx.strokeStyle = swatch.stroke;
      ctx.lineWidth = 1.5 * c;
      ctx.stroke();
    }
  } else if (swatch.shape === 'line') {
    ctx.beginPath();
    ctx.moveTo(x + c, y + 10 * c);
    ctx.lineTo(x + 19 * c, y + 10 * c);
    ctx.strokeStyle = swatch.color;
    ctx.lineWidth = swatch.width * c;
    if (swatch.dashed) ctx.setLineDash([4 * c, 2 * c]);
    ctx.stroke();
  } else {
    ctx.fillStyle = swatch.color;
    ctx.fillRect(x + 2 * c, y + 4 * c, 16 * c, 12 * c);
    ctx.strokeStyle = swatch.stroke;
    ctx.lineWidth = 1.5 * c;
    ctx.strokeRect(x + 2 * c, y + 4 * c, 16 * c, 12 * c);
  }
  ctx.restore();
}
