/** Responding units: station, township teams, micro stations — shape by kind, fill by status. */
import { fetchLayer } from '../../api';
import { all, byZoom, inTownship, notHidden, onHover } from '../expressions';
import { type UnitKind, type UnitStatus, unitIconId, unitIconPrefix, unitImage, unitStatusColors } from '../icons';
import { emptySource, fonts, type LayerModule, type PopupValue, type Props } from '../layer-module';

interface UnitProps {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  grade: string | null;
  status: UnitStatus;
  staff: number;
  vehicles: number;
  equipment: string[];
  turnoutS: number;
  address: string | null;
  townshipCode: string;
}

const kinds: UnitKind[] = ['station', 'township_team', 'micro_station'];

/** Grades the data uses (建标152-2017 station classes, township team grades) → a message; others stay as data. */
const grades = {
  一级: 'unitGrade.1',
  二级: 'unitGrade.2',
  特勤: 'unitGrade.special',
  小型: 'unitGrade.small',
} as const;
function gradeValue(grade: string | null): PopupValue {
  if (grade === null) return null;
  const key = grades[grade as keyof typeof grades];
  return key ? { key } : grade;
}
const statuses: UnitStatus[] = ['in_service', 'built', 'planned', 'closed'];

const shown = [inTownship(), notHidden('units', 'kind'), notHidden('units', 'status')];

export const units = {
  id: 'units',
  title: 'layer.units',
  sources: { units: emptySource() },
  layers: [
    {
      // the hover ring: icon size is a layout property, which feature-state cannot drive
      id: 'units-halo',
      type: 'circle',
      source: 'units',
      filter: all(...shown),
      paint: {
        'circle-radius': 17,
        'circle-color': '#ffd43b',
        'circle-opacity': onHover(0.6, 0),
      },
    },
    {
      id: 'units-icon',
      type: 'symbol',
      source: 'units',
      filter: all(...shown),
      layout: {
        'icon-image': ['concat', unitIconPrefix, ['get', 'kind'], '-', ['get', 'status']],
        'icon-allow-overlap': true,
        'icon-size': byZoom([9, 0.75], [13, 1]),
        // stations over teams over micro stations where they overlap
        'symbol-sort-key': ['match', ['get', 'kind'], 'station', 0, 'township_team', 1, 2],
      },
    },
  ],
  labels: [
    {
      id: 'units-label',
      type: 'symbol',
      source: 'units',
      // the station's name at county zoom; team names from town zoom; micro stations up close
      filter: all(...shown, ['>=', ['zoom'], ['match', ['get', 'kind'], 'station', 0, 'township_team', 12, 14]]),
      layout: {
        'text-field': ['get', 'name'],
        'text-font': fonts,
        'text-size': ['match', ['get', 'kind'], 'station', 14, 12],
        'text-offset': [0, 1.3],
        'text-max-width': 14,
        'text-anchor': 'top',
        'text-optional': true,
      },
      paint: { 'text-color': '#862e11', 'text-halo-color': '#ffffff', 'text-halo-width': 1.6 },
    },
  ],
  interactive: ['units-icon'],
  legend: [
    {
      prop: 'kind',
      title: 'field.kind',
      rows: kinds.map((kind) => ({
        value: kind,
        label: `unitKind.${kind}` as const,
        swatch: { shape: 'icon' as const, image: unitIconId(kind, 'in_service') },
      })),
    },
    {
      prop: 'status',
      title: 'field.status',
      rows: statuses.map((status) => ({
        value: status,
        label: `unitStatus.${status}` as const,
        swatch: {
          shape: 'circle' as const,
          color: unitStatusColors[status].fill,
          stroke: unitStatusColors[status].stroke,
        },
      })),
    },
  ],
  opacity: [],
  townshipProp: 'townshipCode',
  defaultVisible: true,
  lazy: false,
  load: async () => ({ units: await fetchLayer<UnitProps>('units') }),
  popup: (raw: Props) => {
    const p = raw as unknown as UnitProps;
    return {
      title: p.name,
      kind: `unitKind.${p.kind}`,
      rows: [
        ['field.code', p.code],
        ['field.status', { key: `unitStatus.${p.status}` }],
        ['field.grade', gradeValue(p.grade)],
        ['field.staff', { key: 'unit.persons', params: { value: p.staff } }],
        ['field.vehicles', { key: 'unit.vehicles', params: { value: p.vehicles } }],
        ['field.equipment', p.equipment.length ? p.equipment.join('、') : { key: 'value.none' }],
        ['field.turnout', { key: 'unit.seconds', params: { value: p.turnoutS } }],
        ['field.address', p.address],
      ],
    };
  },
  search: (raw: Props) => {
    const p = raw as unknown as UnitProps;
    return { name: p.name, code: p.code };
  },
  images: unitImage,
} satisfies LayerModule;
