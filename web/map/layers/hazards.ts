/**
 * Fire hazards (~25k) at their sites, coloured by lifecycle status. Loaded only when first
 * shown; closed ones (rectified, verified) start hidden so the map shows what is still open.
 */
import type { hazardCategory, hazardSeverity, hazardStatus } from '../../../db/schema';
import { fetchLayer } from '../../api';
import { all, byZoom, inTownship, matchProp, notHidden, onHover } from '../expressions';
import { emptySource, type LayerModule, type Props } from '../layer-module';

type HazardStatus = (typeof hazardStatus.enumValues)[number];
type HazardCategory = (typeof hazardCategory.enumValues)[number];
type HazardSeverity = (typeof hazardSeverity.enumValues)[number];

interface HazardProps {
  id: number;
  siteId: number;
  siteName: string;
  category: HazardCategory;
  severity: HazardSeverity;
  status: HazardStatus;
  foundOn: string;
  deadline: string | null;
  townshipCode: string;
  /** By the one rebound rule (server/analysis/hazard-rebound.ts), set by the server. */
  rebound: 'yes' | 'no';
}

const statusColors: Record<HazardStatus, string> = {
  open: '#e03131',
  rectifying: '#f76707',
  reopened: '#862e9c',
  rectified: '#74b816',
  verified: '#2f9e44',
};

export const hazards = {
  id: 'hazards',
  title: 'layer.hazards',
  sources: { hazards: emptySource() },
  layers: [
    {
      id: 'hazards-circle',
      type: 'circle',
      source: 'hazards',
      filter: all(
        inTownship(),
        notHidden('hazards', 'status'),
        notHidden('hazards', 'severity'),
        notHidden('hazards', 'rebound'),
      ),
      paint: {
        'circle-radius': byZoom([9, 1.2], [14, 3], [18, 6]),
        'circle-color': matchProp('status', statusColors),
        'circle-stroke-color': onHover('#212529', ['match', ['get', 'severity'], 'major', '#212529', '#ffffff']),
        'circle-stroke-width': byZoom([11, onHover(2.5, 0.3)], [15, onHover(2.5, 1)]),
        // beside the site's own dot, not hidden under it
        'circle-translate': [5, -5],
      },
    },
  ],
  labels: [],
  interactive: ['hazards-circle'],
  requires: 'records:read',
  legend: [
    {
      prop: 'status',
      title: 'field.status',
      hiddenByDefault: ['rectified', 'verified'],
      rows: (Object.keys(statusColors) as HazardStatus[]).map((status) => ({
        value: status,
        label: `hazardStatus.${status}` as const,
        swatch: { shape: 'circle' as const, color: statusColors[status], stroke: '#ffffff' },
      })),
    },
    {
      prop: 'severity',
      title: 'field.severity',
      rows: [
        {
          value: 'major',
          label: 'hazardSeverity.major',
          swatch: { shape: 'circle', color: statusColors.open, stroke: '#212529' },
        },
        {
          value: 'general',
          label: 'hazardSeverity.general',
          swatch: { shape: 'circle', color: statusColors.open, stroke: '#ffffff' },
        },
      ],
    },
    {
      // The same rule and the same detector as the statistics and the bulletin: the counts agree.
      prop: 'rebound',
      title: 'rebound.title',
      rows: [
        {
          value: 'yes',
          label: 'rebound.yes',
          swatch: { shape: 'circle', color: statusColors.reopened, stroke: '#ffffff' },
        },
        { value: 'no', label: 'rebound.no', swatch: { shape: 'circle', color: '#adb5bd', stroke: '#ffffff' } },
      ],
    },
  ],
  opacity: [],
  townshipProp: 'townshipCode',
  defaultVisible: false,
  lazy: true,
  load: async () => ({ hazards: await fetchLayer<HazardProps>('hazards') }),
  popup: (raw: Props) => {
    const p = raw as unknown as HazardProps;
    return {
      title: p.siteName,
      kind: `hazardCategory.${p.category}`,
      rows: [
        ['field.category', { key: `hazardCategory.${p.category}` }],
        ['field.severity', { key: `hazardSeverity.${p.severity}` }],
        ['field.status', { key: `hazardStatus.${p.status}` }],
        ['field.foundOn', p.foundOn],
        ['field.deadline', p.deadline],
        ['rebound.title', { key: `rebound.${p.rebound}` }],
      ],
    };
  },
} satisfies LayerModule;
