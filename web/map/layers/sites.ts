/**
 * Key sites (~15,500): a dot per site at every zoom, coloured by category and sized by risk
 * level — at county zoom small (level 4 larger), so that clusters read as a dot-density map in
 * the legend's colours. (A heat map was drawn at county zoom before: its full-screen pass cost
 * a software-GL laptop ~50–100 ms a frame, half of every frame, and it hid the categories.)
 */
import type { siteCategory } from '../../../db/schema';
import { fetchLayer } from '../../api';
import { all, byZoom, inTownship, matchNumber, matchProp, notHidden, onHover } from '../expressions';
import { emptySource, fonts, type LayerModule, type Props } from '../layer-module';

type SiteCategory = (typeof siteCategory.enumValues)[number];

interface SiteProps {
  id: number;
  code: string;
  name: string;
  category: SiteCategory;
  riskLevel: number;
  address: string | null;
  floors: number | null;
  heightM: number | null;
  townshipCode: string;
  openHazards: number;
}

const categoryColors: Record<SiteCategory, string> = {
  high_rise: '#5f3dc4',
  hazmat: '#c92a2a',
  labour_intensive: '#2b8a3e',
  medical: '#0b7285',
  nine_small: '#9c6b00',
  crowded: '#d6336c',
  other: '#868e96',
};
const riskLevels = [4, 3, 2, 1] as const;
/** Dot radius at zoom 15 per risk level; scaled down at lower zooms. */
const riskRadius: Record<number, number> = { 1: 3, 2: 3.5, 3: 4.5, 4: 6 };

const shown = all(inTownship(), notHidden('sites', 'category'), notHidden('sites', 'riskLevel'));
/** Dot radius at county zoom (9) per risk level: level 4 stands out, the rest are specks. */
const countyRadius: Record<number, number> = { 1: 1.1, 2: 1.1, 3: 1.5, 4: 3 };

export const sites = {
  id: 'sites',
  title: 'layer.sites',
  sources: { sites: emptySource() },
  layers: [
    {
      id: 'sites-circle',
      type: 'circle',
      source: 'sites',
      filter: shown,
      paint: {
        'circle-radius': [
          'interpolate',
          ['linear'],
          ['zoom'],
          9,
          matchNumber('riskLevel', countyRadius, 1.1),
          12,
          ['*', 0.6, matchNumber('riskLevel', riskRadius, 3)],
          15,
          matchNumber('riskLevel', riskRadius, 3),
          18,
          ['*', 1.8, matchNumber('riskLevel', riskRadius, 3)],
        ],
        'circle-color': matchProp('category', categoryColors),
        'circle-stroke-color': onHover('#212529', '#ffffff'),
        'circle-stroke-width': byZoom([10, onHover(2, 0)], [12, onHover(2.5, 0.3)], [15, onHover(2.5, 1)]),
        'circle-opacity': 0.9,
      },
    },
  ],
  labels: [
    {
      id: 'sites-label',
      type: 'symbol',
      source: 'sites',
      filter: shown,
      // the town centre holds thousands of sites: names only at the closest zooms
      minzoom: 17,
      layout: {
        'text-field': ['get', 'name'],
        'text-font': fonts,
        'text-size': 11,
        'text-offset': [0, 0.9],
        'text-anchor': 'top',
        'text-optional': true,
      },
      paint: { 'text-color': '#343a40', 'text-halo-color': '#ffffff', 'text-halo-width': 1.4 },
    },
  ],
  interactive: ['sites-circle'],
  legend: [
    {
      prop: 'category',
      title: 'field.category',
      rows: (Object.keys(categoryColors) as SiteCategory[]).map((category) => ({
        value: category,
        label: `siteCategory.${category}` as const,
        swatch: { shape: 'circle' as const, color: categoryColors[category], stroke: '#ffffff' },
      })),
    },
    {
      prop: 'riskLevel',
      title: 'field.risk',
      rows: riskLevels.map((level) => ({
        value: level,
        label: `risk.${level}` as const,
        swatch: { shape: 'circle' as const, color: '#868e96', stroke: '#ffffff', radius: riskRadius[level] },
      })),
    },
  ],
  opacity: [],
  townshipProp: 'townshipCode',
  defaultVisible: true,
  lazy: false,
  loadFirst: true,
  load: async () => ({ sites: await fetchLayer<SiteProps>('sites') }),
  popup: (raw: Props) => {
    const p = raw as unknown as SiteProps;
    return {
      title: p.name,
      kind: `siteCategory.${p.category}`,
      rows: [
        ['field.code', p.code],
        ['field.category', { key: `siteCategory.${p.category}` }],
        ['field.risk', { key: `risk.${p.riskLevel as 1 | 2 | 3 | 4}` }],
        ['field.openHazards', p.openHazards],
        ['field.floors', p.floors == null ? null : { key: 'unit.floors', params: { value: p.floors } }],
        ['field.height', p.heightM == null ? null : { key: 'unit.m', params: { value: p.heightM } }],
        ['field.address', p.address],
      ],
    };
  },
  search: (raw: Props) => {
    const p = raw as unknown as SiteProps;
    return { name: p.name, code: p.code };
  },
} satisfies LayerModule;
