/**
 * Every export takes its labels from the one label table: each file's header and cells are
 * compared with the UI's strings (web/i18n through `translate`) for the same rows, in both
 * languages; durations as the UI shows them; the CSV formula guard on every table.
 */
import { describe, expect, it } from 'vitest';
import { columnsIn } from '../../../server/export/columns';
import { tableCsv } from '../../../server/export/csv';
import { codesOf, labelsEn, labelsZh } from '../../../server/export/labels';
import type { UncoveredSiteRow } from '../../../server/services/hydrant-coverage-report';
import { PROPOSAL_COLUMNS, uncoveredCsv } from '../../../server/services/hydrant-exports';
import type { ProposalRow } from '../../../server/services/hydrant-plan';
import type { SiteRow } from '../../../server/services/station-site-table';
import { sitesCsv } from '../../../server/services/station-sites-export';
import type { TownshipStat, TownshipStats } from '../../../server/services/township-stats';
import { statsCsv } from '../../../server/services/township-stats-export';
import { type Language, type MessageKey, translate } from '../../../web/i18n';
import { formatEta } from '../../../web/panels/station-coverage/coverage-model';

const LANGS = [
  ['zh', 'zh-CN'],
  ['en', 'en'],
] as const;
const CJK = /[\u3400-\u9fff\uff00-\uffef]/;

/** A CSV (RFC 4180 quoting, CRLF, BOM) as header + cells. */
function parse(csv: string): { header: string[]; rows: string[][] } {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  expect(csv.endsWith('\r\n')).toBe(true);
  const lines: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 1; i < csv.length; i++) {
    const ch = csv[i] as string;
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && csv[i + 1] === '\n') {
      row.push(cell);
      lines.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  const [header, ...rows] = lines;
  return { header: header as string[], rows };
}

const ui = (lang: Language, key: string) => translate(lang, key as MessageKey);
const categories = codesOf('siteCategory');
const risks = [1, 2, 3, 4];

/** One row per (category, risk level) pair, so every label appears. */
const pairs = categories.flatMap((category) => risks.map((riskLevel) => ({ category, riskLevel })));

describe('the label table', () => {
  it('has every key in both languages and is what the UI shows', () => {
    expect(Object.keys(labelsEn).sort()).toEqual(Object.keys(labelsZh).sort());
    for (const key of Object.keys(labelsZh) as (keyof typeof labelsZh)[]) {
      expect(ui('zh-CN', key)).toBe(labelsZh[key]);
      expect(ui('en', key)).toBe(labelsEn[key]);
      expect(labelsEn[key], key).not.toMatch(CJK);
    }
    expect(categories).toEqual([
      'high_rise',
      'hazmat',
      'labour_intensive',
      'medical',
      'nine_small',
      'crowded',
      'other',
    ]);
    expect(labelsZh['siteCategory.hazmat']).toBe('危化品单位');
  });
});

describe('station coverage site export', () => {
  const rows: SiteRow[] = pairs.map((p, i) => ({
    siteId: i + 1,
    code: `S-${i}`,
    name: `场所${i}`,
    ...p,
    townshipCode: '411121100',
    townshipName: '舞泉镇',
    lon: 113.6,
    lat: 33.43,
    firstUnitId: 1,
    firstUnitCode: 'U-1',
    firstUnitName: '舞阳县消防救援站',
    firstEtaS: i === 0 ? null : 782.4 + i,
    secondUnitId: null,
    secondUnitCode: null,
    secondUnitName: null,
    secondEtaS: i === 0 ? null : 59.5 * i,
  }));
  for (const [lang, uiLang] of LANGS) {
    it(`labels and durations match the UI (${lang})`, () => {
      const { header, rows: cells } = parse(sitesCsv(rows, lang));
      const col = (zh: string, en: string) => header.indexOf(lang === 'zh' ? zh : en);
      if (lang === 'en') expect(header.join(',')).not.toMatch(CJK);
      rows.forEach((r, i) => {
        const c = cells[i] as string[];
        expect(c[col('类别', 'Category')]).toBe(ui(uiLang, `siteCategory.${r.category}`));
        expect(c[col('风险等级', 'Risk level')]).toBe(ui(uiLang, `risk.${r.riskLevel}`));
        const eta = c[col('第一出动到达时间(分:秒)', 'First-due arrival (m:ss)')];
        expect(eta === '' ? '—' : eta).toBe(formatEta(r.firstEtaS));
        expect(c[col('第一出动到达时间(秒)', 'First-due arrival (s)')]).toBe(
          r.firstEtaS === null ? '' : String(r.firstEtaS),
        );
        const second = c[col('第二出动到达时间(分:秒)', 'Second-due arrival (m:ss)')];
        expect(second === '' ? '—' : second).toBe(formatEta(r.secondEtaS));
      });
    });
  }
  it('gives 13:02 where the UI shows 13:02, not decimal minutes', () => {
    const { header, rows: cells } = parse(sitesCsv([{ ...(rows[1] as SiteRow), firstEtaS: 782.4 }]));
    expect(cells[0]?.[header.indexOf('第一出动到达时间(分:秒)')]).toBe('13:02');
    expect(formatEta(782.4)).toBe('13:02');
  });
});

describe('hydrant exports', () => {
  const rows: UncoveredSiteRow[] = pairs.map((p, i) => ({
    rank: i + 1,
    id: i + 1,
    code: `S-${i}`,
    name: `场所${i}`,
    ...p,
    township: '411121100',
    townshipName: '舞泉镇',
    nearestHydrant: { id: 1, code: 'HY-0001' },
    distanceM: 151.25,
    lon: 113.6,
    lat: 33.43,
  }));
  for (const [lang, uiLang] of LANGS) {
    it(`uncovered sites: category and risk labels match the UI (${lang})`, () => {
      const { header, rows: cells } = parse(uncoveredCsv(rows, lang));
      if (lang === 'en') expect(header.join(',')).not.toMatch(CJK);
      const cat = header.indexOf(lang === 'zh' ? '类别' : 'Category');
      const risk = header.indexOf(lang === 'zh' ? '风险等级' : 'Risk level');
      rows.forEach((r, i) => {
        expect(cells[i]?.[cat]).toBe(ui(uiLang, `siteCategory.${r.category}`));
        expect(cells[i]?.[risk]).toBe(ui(uiLang, `risk.${r.riskLevel}`));
      });
    });
    it(`proposals: one column per category, named as the UI names it (${lang})`, () => {
      const row: ProposalRow = {
        rank: 1,
        lon: 113.6,
        lat: 33.43,
        township: '411121100',
        townshipName: '舞泉镇',
        roadName: '人民路',
        gain: { weighted: 3, sites: 7, sitesByCategory: { hazmat: 2, medical: 1 }, siteIds: [1], roadM: 12.34 },
      };
      const { header, rows: cells } = parse(tableCsv(columnsIn(PROPOSAL_COLUMNS, lang), [row]));
      if (lang === 'en') expect(header.join(',')).not.toMatch(CJK);
      for (const c of categories) {
        const name = ui(uiLang, `siteCategory.${c}`);
        const i = header.indexOf(lang === 'zh' ? `其中${name}` : `of which ${name}`);
        expect(i, c).toBeGreaterThan(0);
        expect(cells[0]?.[i]).toBe(String(row.gain.sitesByCategory[c] ?? 0));
      }
    });
  }
});

describe('township ranking export', () => {
  const metrics = {
    found: 3,
    rectified: 2,
    verified: 1,
    verifiedInWindow: 1,
    open: 1,
    overdue: 0,
    foundPerKm2: 0.123,
    foundPer100Sites: 1.5,
    rectifiedRate: 0.6667,
    rebounds: 0,
    reboundRate: null,
    fines: 1,
    fineYuan: 5000,
    seals: 2,
    threeStops: 3,
    detentions: 4,
    enforcement: 10,
  };
  const township = (name: string): TownshipStat => ({
    code: '411121100',
    name,
    areaKm2: 24,
    sites: 200,
    current: metrics,
    previous: metrics,
    change: Object.fromEntries(Object.keys(metrics).map((k) => [k, 0])) as TownshipStat['change'],
    value: 3,
    rank: 1,
    previousRank: 1,
    rankChange: 0,
    classes: { quantile: 0, natural: 0 },
  });
  const stats = (name: string) => ({ townships: [township(name)] }) as unknown as TownshipStats;
  for (const [lang, uiLang] of LANGS) {
    it(`enforcement columns are named as the UI names them (${lang})`, () => {
      const { header, rows } = parse(statsCsv(stats('舞泉镇'), lang));
      if (lang === 'en') expect(header.join(',')).not.toMatch(CJK);
      for (const [key, value] of [
        ['density.seals', '2'],
        ['density.threeStops', '3'],
        ['density.detentions', '4'],
      ] as const) {
        const i = header.indexOf(ui(uiLang, key));
        expect(i, key).toBeGreaterThan(0);
        expect(rows[0]?.[i]).toBe(value);
      }
    });
  }
  it('guards against formula injection like every other CSV', () => {
    const csv = statsCsv(stats('=HYPERLINK("x")'));
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).not.toMatch(/,=HYPERLINK/);
  });
});
