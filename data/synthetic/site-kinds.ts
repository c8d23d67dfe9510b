/**
 * The kinds of SYNTHETIC site the generator draws: category (the report's site classes,
 * docs/standards.md §6), risk level, storeys, how common each kind is in the county-seat town, at a township seat
 * and in a village, and how its name is formed.
 */
import { brand, estate, personName, surname } from './names';
import type { Rng } from './prng';
import type { DemoCountyData } from './types';

export type SiteCategory = DemoCountyData['sites'][number]['category'];
export type Place = 'town' | 'seat' | 'village';

export interface NameContext {
  rng: Rng;
  /** Village short name, township short name, or a street name in town. */
  place: string;
  countyName: string;
}

/** Every kind except high_rise stays ≤ 24 m (floors × storeyM + ≤ 1.5 m), so it is not a high-rise. */
export interface SiteKind {
  category: SiteCategory;
  risk: [number, number];
  floors: [number, number];
  /** Storey height in metres; residential high-rise ≈ 2.9 m, public buildings more. */
  storeyM: number;
  weight: Record<Place, number>;
  name(c: NameContext): string;
}

const pickOf =
  (...forms: ((c: NameContext) => string)[]) =>
  (c: NameContext) =>
    c.rng.pick(forms)(c);

export const SITE_KINDS: SiteKind[] = [
  // 九小场所 (docs/standards.md §4): small shops, restaurants, hotels, entertainment, clinics, workshops, schools, hazmat shops.
  {
    category: 'nine_small',
    risk: [1, 1],
    floors: [1, 2],
    storeyM: 3.5,
    weight: { town: 10, seat: 12, village: 14 },
    name: pickOf(
      (c) => `${brand(c.rng)}超市`,
      (c) => `${brand(c.rng)}便利店`,
      (c) => `${brand(c.rng)}五金建材`,
      (c) => `${surname(c.rng)}家日杂店`,
    ),
  },
  {
    category: 'nine_small',
    risk: [2, 2],
    floors: [1, 3],
    storeyM: 3.5,
    weight: { town: 9, seat: 9, village: 5 },
    name: pickOf(
      (c) => `${surname(c.rng)}记烩面馆`,
      (c) => `${brand(c.rng)}饭店`,
      (c) => `${brand(c.rng)}酒家`,
      (c) => `${c.place}${surname(c.rng)}家羊肉汤`,
    ),
  },
  {
    category: 'nine_small',
    risk: [2, 2],
    floors: [2, 5],
    storeyM: 3.3,
    weight: { town: 4, seat: 2, village: 0.3 },
    name: pickOf(
      (c) => `${brand(c.rng)}宾馆`,
      (c) => `${brand(c.rng)}快捷酒店`,
    ),
  },
  {
    category: 'nine_small',
    risk: [2, 2],
    floors: [1, 3],
    storeyM: 3.5,
    weight: { town: 4, seat: 2, village: 0.3 },
    name: pickOf(
      (c) => `${brand(c.rng)}网咖`,
      (c) => `${brand(c.rng)}KTV`,
      (c) => `${brand(c.rng)}足浴`,
    ),
  },
  {
    category: 'nine_small',
    risk: [2, 2],
    floors: [1, 2],
    storeyM: 3.3,
    weight: { town: 3, seat: 3, village: 2 },
    name: pickOf(
      (c) => `${surname(c.rng)}氏诊所`,
      (c) => `${personName(c.rng)}诊所`,
    ),
  },
  {
    category: 'nine_small',
    risk: [2, 2],
    floors: [1, 1],
    storeyM: 4.5,
    weight: { town: 4, seat: 6, village: 10 },
    name: pickOf(
      (c) => `${brand(c.rng)}加工坊`,
      (c) => `${c.place}${surname(c.rng)}家面粉加工坊`,
      (c) => `${brand(c.rng)}汽修`,
    ),
  },
  {
    category: 'nine_small',
    risk: [2, 2],
    floors: [1, 3],
    storeyM: 3.3,
    weight: { town: 2, seat: 2, village: 2 },
    name: (c) => `${brand(c.rng)}幼儿园`,
  },
  {
    category: 'nine_small',
    risk: [2, 2],
    floors: [1, 1],
    storeyM: 3.5,
    weight: { town: 0.8, seat: 1.2, village: 1.5 },
    name: pickOf(
      (c) => `${brand(c.rng)}烟花爆竹零售点`,
      (c) => `${c.place}液化气供应点`,
    ),
  },
  // 人员密集场所 / 公众聚集场所 (Fire Law Art. 73).
  {
    category: 'crowded',
    risk: [3, 3],
    floors: [3, 5],
    storeyM: 4.2,
    weight: { town: 2, seat: 0.6, village: 0 },
    name: pickOf(
      (c) => `${brand(c.rng)}购物广场`,
      (c) => `${brand(c.rng)}商场`,
      (c) => `${brand(c.rng)}影城`,
    ),
  },
  {
    category: 'crowded',
    risk: [2, 3],
    floors: [1, 2],
    storeyM: 5,
    weight: { town: 1, seat: 1, village: 0.2 },
    name: (c) => `${c.place}农贸市场`,
  },
  {
    category: 'crowded',
    risk: [3, 3],
    floors: [2, 5],
    storeyM: 3.6,
    weight: { town: 1.5, seat: 1.5, village: 1.5 },
    name: pickOf(
      (c) => `${c.place}小学`,
      (c) => `${c.place}中学`,
      (c) => `${c.countyName}${brand(c.rng)}学校`,
    ),
  },
  // 高层建筑: residential > 27 m, other > 24 m (GB 50016-2014 §2.1.1).
  {
    category: 'high_rise',
    risk: [3, 4],
    floors: [11, 33],
    storeyM: 2.9,
    weight: { town: 10, seat: 0.5, village: 0 },
    name: (c) => `${brand(c.rng)}${estate(c.rng)}${c.rng.int(1, 24)}号楼`,
  },
  {
    category: 'high_rise',
    risk: [4, 4],
    floors: [8, 22],
    storeyM: 3.8,
    weight: { town: 1.5, seat: 0, village: 0 },
    name: pickOf(
      (c) => `${brand(c.rng)}大厦`,
      (c) => `${brand(c.rng)}国际酒店`,
    ),
  },
  // 劳动密集型企业 (no national headcount; Fujian ≥ 30 people: docs/standards.md §4).
  {
    category: 'labour_intensive',
    risk: [3, 3],
    floors: [1, 4],
    storeyM: 4.5,
    weight: { town: 4, seat: 6, village: 8 },
    name: pickOf(
      (c) => `${c.countyName}${brand(c.rng)}服装有限公司`,
      (c) => `${c.countyName}${brand(c.rng)}鞋业有限公司`,
      (c) => `${c.countyName}${brand(c.rng)}电子科技有限公司`,
      (c) => `${c.countyName}${brand(c.rng)}食品有限公司`,
      (c) => `${brand(c.rng)}箱包厂`,
    ),
  },
  // 医疗机构 and care homes.
  {
    category: 'medical',
    risk: [3, 3],
    floors: [3, 6],
    storeyM: 3.6,
    weight: { town: 1, seat: 0.6, village: 0 },
    name: pickOf(
      (c) => `${c.countyName}${brand(c.rng)}医院`,
      (c) => `${c.place}卫生院`,
    ),
  },
  {
    category: 'medical',
    risk: [2, 2],
    floors: [1, 1],
    storeyM: 3.3,
    weight: { town: 0, seat: 0, village: 3 },
    name: (c) => `${c.place}卫生室`,
  },
  {
    category: 'medical',
    risk: [3, 3],
    floors: [2, 4],
    storeyM: 3.3,
    weight: { town: 0.6, seat: 0.8, village: 0.6 },
    name: pickOf(
      (c) => `${brand(c.rng)}养老院`,
      (c) => `${c.place}敬老院`,
    ),
  },
  // 危化品企业.
  {
    category: 'hazmat',
    risk: [4, 4],
    floors: [1, 3],
    storeyM: 5,
    weight: { town: 0.3, seat: 1, village: 1.2 },
    name: (c) => `${c.countyName}${brand(c.rng)}化工有限公司`,
  },
  {
    category: 'hazmat',
    risk: [3, 3],
    floors: [1, 1],
    storeyM: 6,
    weight: { town: 1, seat: 1.2, village: 0.8 },
    name: (c) => `${brand(c.rng)}加油站`,
  },
  {
    category: 'hazmat',
    risk: [4, 4],
    floors: [1, 1],
    storeyM: 5,
    weight: { town: 0.3, seat: 0.6, village: 0.3 },
    name: (c) => `${brand(c.rng)}液化气站`,
  },
  {
    category: 'other',
    risk: [1, 2],
    floors: [1, 2],
    storeyM: 6,
    weight: { town: 3, seat: 3, village: 3 },
    name: pickOf(
      (c) => `${brand(c.rng)}物流仓库`,
      (c) => `${brand(c.rng)}木业加工厂`,
    ),
  },
  {
    category: 'other',
    risk: [1, 1],
    floors: [2, 6],
    storeyM: 3.3,
    weight: { town: 4, seat: 1, village: 0 },
    name: (c) => `${brand(c.rng)}办公楼`,
  },
  {
    category: 'other',
    risk: [1, 1],
    floors: [1, 2],
    storeyM: 3.3,
    weight: { town: 0, seat: 0.5, village: 6 },
    name: pickOf(
      (c) => `${c.place}村民委员会`,
      (c) => `${brand(c.rng)}养殖场`,
    ),
  },
];
