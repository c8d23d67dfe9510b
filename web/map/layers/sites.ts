/**
 * Key sites (~15,500): colour by category, size by risk level. At county zoom a heat map
 * shows where they are and only level-4 sites are drawn; from zoom 12 every site is a dot.
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
/** Below this zoom only the highest risk level is drawn as dots (the heat map shows the rest). */
const allSitesZoom = 12;

export const sites = {
  id: 'sites',
  title: 'layer.sites',
  sources: { sites: emptySource() },
  layers: [
    {
      id: 'sites-heat',
      type: 'heatmap',
      source: 'sites',
      filter: shown,
      maxzoom: allSitesZoom + 1,
      paint: {
        'heatmap-weight': ['/', ['to-number', ['get', 'riskLevel']], 4],
        'heatmap-radius': byZoom([9, 6], [12, 14]),
        'heatmap-intensity': byZoom([9, 0.6], [12, 1]),
        'heatmap-opacity': byZoom([10, 0.75], [allSitesZoom + 1, 0]),
        'heatmap-color': [
          'interpolate',
          ['linear'],
          ['heatmap-density'],
          0,
          'rgba(255,236,179,0)',
          0.2,
          'rgba(255,224,130,0.55)',
          0.5,
          'rgba(255,167,38,0.7)',
          0.8,
          'rgba(230,81,0,0.8)',
          1,
          'rgba(183,28,28,0.85)',
        ],
      },
    },
    {
      id: 'sites-circle',
      type: 'circle',
      source: 'sites',
      filter: all(shown, ['any', ['>=', ['zoom'], allSitesZoom], ['>=', ['to-number', ['get', 'riskLevel']], 4]]),
      paint: {
        'circle-radius': [
          'interpolate',
          ['linear'],
          ['zoom'],
          9,
          ['*', 0.45, matchNumber('riskLevel', riskRadius, 3)],
          15,
          matchNumber('riskLevel', riskRadius, 3),
          18,
          ['*', 1.8, matchNumber('riskLevel', riskRadius, 3)],
        ],
        'circle-color': matchProp('category', categoryColors),
        'circle-stroke-color': onHover('#212529', '#ffffff'),
        'circle-stroke-width': byZoom([11, onHover(2.5, 0.3)], [15, onHover(2.5, 1)]),
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
