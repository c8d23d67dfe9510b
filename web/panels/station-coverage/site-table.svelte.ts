/**
 * The 站点覆盖 per-site table (first / second due per site): scope, sort and page, one page of
 * the server's answer, and the export links for the same query. Its errors go to the panel's
 * state, so they show beside the table.
 */
import { placed } from '../../api-error';
import { fetchSitePage, type SitePage, type SiteSort, type SitesQuery, sitesExportUrl } from './api';
import { nextSort, PAGE_SIZE, sitesQueryOf } from './coverage-model';
import type { StationCoverage } from './station-coverage.svelte';

export class SiteTable {
  scope = $state<'high_risk_outside' | 'all'>('high_risk_outside');
  sort = $state<SiteSort>('firstEta');
  dir = $state<'asc' | 'desc'>('desc');
  page = $state(0);
  sitePage = $state.raw<SitePage | undefined>(undefined);
  sitesLoading = $state(false);

  constructor(readonly coverage: StationCoverage) {}

  sitesQuery = $derived.by<SitesQuery | undefined>(() =>
    sitesQueryOf(this.coverage.query, {
      scope: this.scope,
      township: this.coverage.atlas.township,
      sort: this.sort,
      dir: this.dir,
    }),
  );

  exportUrl(ext: 'csv' | 'xlsx'): string | undefined {
    return this.sitesQuery && sitesExportUrl(ext, this.sitesQuery);
  }

  sortBy(key: SiteSort): void {
    const next = nextSort({ sort: this.sort, dir: this.dir }, key);
    this.sort = next.sort;
    this.dir = next.dir;
    this.page = 0;
  }

  #request = 0;
  async loadSites(q: SitesQuery, page: number): Promise<void> {
    const n = ++this.#request;
    this.sitesLoading = true;
    try {
      const answer = await fetchSitePage({ ...q, offset: String(page * PAGE_SIZE), limit: String(PAGE_SIZE) });
      if (n === this.#request) this.sitePage = answer;
    } catch (err) {
      if (n === this.#request) this.coverage.error = placed('sites', err);
    } finally {
      if (n === this.#request) this.sitesLoading = false;
    }
  }
}
