/**
 * State of the 周通报 panel (issue 15): the period (last whole week, this or last month, the
 * report's period, custom), the score weights, the generated bulletin, and a 督办通知 being drafted.
 * Every number comes from the server; this module only picks windows and formats.
 */
import {
  type Bulletin,
  type BulletinQuery,
  bulletinFileUrl,
  fetchBulletin,
  fetchNoticeDraft,
  type NoticeDraft,
  noticeDocxUrl,
  saveNotice,
} from '../../api-bulletin';
import { errorMessage } from '../../api-error';
import type { Atlas } from '../../state/atlas.svelte';

export type Preset = 'week' | 'month' | 'lastMonth' | 'report' | 'custom';
export const presets: readonly Preset[] = ['week', 'month', 'lastMonth', 'report', 'custom'];

export const INDICATORS = [
  'patrolledPlaces',
  'trainings',
  'villageVisits',
  'rectifiedRate',
  'overdue',
  'reboundRate',
] as const;
export type Indicator = (typeof INDICATORS)[number];
export const DEFAULT_WEIGHTS: Record<Indicator, number> = {
  patrolledPlaces: 25,
  trainings: 15,
  villageVisits: 15,
  rectifiedRate: 25,
  overdue: 10,
  reboundRate: 10,
};

/** The table's columns, in order; rates are percent and their changes percentage points. */
export const FIELDS = [
  'patrolledPlaces',
  'trainings',
  'villageVisits',
  'townshipRectified',
  'found',
  'rectified',
  'rectifiedRate',
  'open',
  'overdue',
  'rebounds',
  'reboundBase',
  'reboundRate',
] as const;
export const RATE_FIELDS: ReadonlySet<string> = new Set(['rectifiedRate', 'reboundRate']);

const DAY_MS = 86_400_000;
const parse = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** `presetWindow('week', '2023-12-30')` → the last whole Monday–Sunday week: 2023-12-18 … 2023-12-24. */
export function presetWindow(preset: Exclude<Preset, 'custom'>, asOf: string): { from: string; to: string } {
  if (preset === 'report') return { from: '2023-01-01', to: '2023-07-24' };
  if (preset === 'month') return { from: `${asOf.slice(0, 7)}-01`, to: asOf };
  if (preset === 'lastMonth') {
    const end = parse(`${asOf.slice(0, 7)}-01`) - DAY_MS;
    return { from: `${iso(end).slice(0, 7)}-01`, to: iso(end) };
  }
  const weekday = (new Date(parse(asOf)).getUTCDay() + 6) % 7; // Monday = 0
  const sunday = weekday === 6 ? parse(asOf) : parse(asOf) - (weekday + 1) * DAY_MS;
  return { from: iso(sunday - 6 * DAY_MS), to: iso(sunday) };
}

export const percentText = (p: number | null | undefined) => (p === null || p === undefined ? '—' : `${p.toFixed(1)}%`);
export function ppText(pp: number | null | undefined): string {
  if (pp === null || pp === undefined) return '—';
  return `${pp > 0 ? '+' : pp < 0 ? '−' : ''}${Math.abs(pp).toFixed(1)} pp`;
}
export function countChange(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0';
}

export class BulletinState {
  preset = $state<Preset>('week');
  customFrom = $state('');
  customTo = $state('');
  weights = $state<Record<Indicator, number>>({ ...DEFAULT_WEIGHTS });
  bulletin = $state.raw<Bulletin | undefined>(undefined);
  loading = $state(false);
  error = $state<string | undefined>(undefined);
  /** The township whose 督办通知 is being drafted, with its draft. */
  draft = $state.raw<NoticeDraft | undefined>(undefined);
  draftChosen = $state<number[]>([]);
  draftReplyBy = $state('');
  draftError = $state<string | undefined>(undefined);
  savedNumber = $state<string | undefined>(undefined);

  constructor(readonly atlas: Atlas) {}

  asOf = $derived.by(() => this.atlas.health?.datasets[0]?.asOf);

  window = $derived.by(() => {
    if (this.preset === 'custom') {
      const { customFrom: from, customTo: to } = this;
      return from && to && from <= to ? { from, to } : undefined;
    }
    return this.asOf ? presetWindow(this.preset, this.asOf) : undefined;
  });

  query = $derived.by<BulletinQuery | undefined>(() => {
    if (!this.window) return undefined;
    const changed = INDICATORS.some((k) => this.weights[k] !== DEFAULT_WEIGHTS[k]);
    const weights = changed ? INDICATORS.map((k) => `${k}:${this.weights[k]}`).join(',') : undefined;
    const county = this.atlas.countyParam;
    return { ...this.window, ...(weights ? { weights } : {}), ...(county ? { county } : {}) };
  });

  fileUrl(ext: 'docx' | 'xlsx'): string | undefined {
    return this.query && bulletinFileUrl(ext, this.query);
  }

  async generate(): Promise<void> {
    const q = this.query;
    if (!q) return;
    this.loading = true;
    this.error = undefined;
    try {
      this.bulletin = await fetchBulletin(q);
    } catch (err) {
      this.error = errorMessage(err);
    } finally {
      this.loading = false;
    }
  }

  async openDraft(township: string): Promise<void> {
    const asOf = this.bulletin?.period.to;
    if (!asOf) return;
    this.draftError = undefined;
    this.savedNumber = undefined;
    try {
      const d = await fetchNoticeDraft(township, asOf);
      this.draft = d;
      this.draftChosen = d.hazards.map((h) => h.id);
      this.draftReplyBy = d.replyBy;
    } catch (err) {
      this.draftError = errorMessage(err);
    }
  }

  closeDraft(): void {
    this.draft = undefined;
  }

  /** Records the notice, then downloads its .docx. */
  async saveDraft(): Promise<void> {
    const d = this.draft;
    if (!d) return;
    this.draftError = undefined;
    try {
      const saved = await saveNotice({
        kind: 'supervision',
        townshipCode: d.townshipCode,
        issuedOn: d.issuedOn,
        replyBy: this.draftReplyBy,
        hazardIds: this.draftChosen,
      });
      this.savedNumber = saved.number;
      const a = document.createElement('a');
      a.href = noticeDocxUrl(saved.id);
      a.download = `notice-${saved.id}.docx`;
      a.click();
    } catch (err) {
      this.draftError = errorMessage(err);
    }
  }
}
