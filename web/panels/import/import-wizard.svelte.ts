/**
 * The state of the 数据导入 wizard (issue 12): layer → file → coordinate system (detected, with
 * its evidence, or chosen) → column mapping → preview with row errors → commit → the import list
 * with undo. The preview's points go to the `import-preview` layer module; the panel never
 * touches the map.
 */
import type { Feature, FeatureCollection, MultiPoint } from 'geojson';
import { type PlacedError, placed } from '../../api-error';
import type { Atlas } from '../../state/atlas.svelte';
import {
  commitImport,
  fetchImports,
  type ImportLayerId,
  type ImportList,
  type ImportPreview,
  previewImport,
  undoImport,
} from './api';

/** Error rows listed under the preview (the answer holds them all). */
export const ERRORS_SHOWN = 200;
const POINT_LAYERS: readonly string[] = ['hydrants', 'units', 'sites'];
/** Always-shown layers an import changes: reloaded after it (and after its undo). */
const BASE_LAYERS: readonly string[] = ['counties', 'townships', 'villages', 'roads'];

export class ImportWizard {
  layer = $state<ImportLayerId>('hydrants');
  file = $state.raw<File | undefined>(undefined);
  crs = $state('auto');
  /** The county imported into (adcode); '' = the focus county. */
  county = $state('');
  /** Field → column, as the user set it in the mapping step (starts from the server's). */
  mapping = $state<Record<string, string | null>>({});
  skipInvalid = $state(false);
  preview = $state.raw<ImportPreview | undefined>(undefined);
  committed = $state.raw<{ id: number; inserted: number; updated: number } | undefined>(undefined);
  imports = $state.raw<ImportList>([]);
  busy = $state<'preview' | 'commit' | 'undo' | 'list' | undefined>(undefined);
  error = $state<PlacedError | undefined>(undefined);

  constructor(private readonly atlas: Atlas) {}

  errorAt(at: string): string | undefined {
    return this.error?.at === at ? this.error.message : undefined;
  }

  /** Commit allowed: a preview with something to write, a known system, no invalid row unless skipped. */
  canCommit = $derived.by(() => {
    const p = this.preview;
    if (!p || this.busy) return false;
    if (p.detected?.uncertain && !p.detected.byUser) return false;
    if (p.rows.invalid > 0 && !this.skipInvalid) return false;
    return p.insert + p.update > 0;
  });

  chooseLayer(layer: ImportLayerId): void {
    this.layer = layer;
    this.reset();
  }

  chooseFile(file: File | undefined): void {
    this.file = file;
    this.reset();
  }

  private reset(): void {
    this.preview = undefined;
    this.committed = undefined;
    this.mapping = {};
    this.error = undefined;
    this.showPoints(undefined);
  }

  async runPreview(withMapping = false): Promise<void> {
    if (!this.file) return;
    this.busy = 'preview';
    this.error = undefined;
    this.committed = undefined;
    try {
      const p = await previewImport({
        layer: this.layer,
        file: this.file,
        crs: this.crs,
        mapping: withMapping ? this.mapping : undefined,
        county: this.county || undefined,
      });
      this.preview = p;
      this.mapping = { ...p.mapping.fields };
      this.showPoints(p);
    } catch (err) {
      this.preview = undefined;
      this.showPoints(undefined);
      this.error = placed('preview', err);
    } finally {
      this.busy = undefined;
    }
  }

  async commit(): Promise<void> {
    if (!this.file || !this.canCommit) return;
    this.busy = 'commit';
    this.error = undefined;
    try {
      // The preview's points stay on the map over the layer they went into.
      this.committed = await commitImport({
        layer: this.layer,
        file: this.file,
        crs: this.crs,
        mapping: this.mapping,
        skipInvalid: this.skipInvalid,
        county: this.county || undefined,
      });
      this.preview = undefined;
      await this.afterChange(this.layer);
    } catch (err) {
      this.error = placed('commit', err);
    } finally {
      this.busy = undefined;
    }
  }

  async undo(id: number, layer: string): Promise<void> {
    this.busy = 'undo';
    this.error = undefined;
    try {
      await undoImport(id);
      this.committed = undefined;
      this.showPoints(undefined);
      await this.afterChange(layer);
    } catch (err) {
      this.error = placed(`undo-${id}`, err);
    } finally {
      this.busy = undefined;
    }
  }

  async loadList(): Promise<void> {
    try {
      this.imports = (await fetchImports()).imports;
    } catch (err) {
      this.error = placed('list', err);
    }
  }

  /** The changed layer is shown over the frame and reloaded; the list too. */
  private async afterChange(layer: string): Promise<void> {
    if (POINT_LAYERS.includes(layer)) {
      this.atlas.setOptional('import', layer, true);
      await this.atlas.layer(layer).reload();
    }
    // New boundaries move units, hydrants, sites and villages between townships: every base layer reloads.
    if (BASE_LAYERS.includes(layer)) {
      await Promise.all([...BASE_LAYERS, ...POINT_LAYERS].map((l) => this.atlas.layer(l).reload()));
    }
    await this.loadList();
  }

  private showPoints(p: ImportPreview | undefined): void {
    const areas: Feature[] = (p?.areas?.features.features ?? []).map((f) => ({
      ...f,
      id: -f.properties.row,
      properties: { ...f.properties, id: -f.properties.row },
    }));
    const features: Feature[] = [
      ...areas,
      ...(p?.points ?? []).map(
        (pt): Feature => ({
          type: 'Feature',
          id: pt.row,
          geometry: { type: 'Point', coordinates: [pt.lon, pt.lat] },
          properties: { id: pt.row, row: pt.row, code: pt.code, action: pt.action },
        }),
      ),
    ];
    const data: FeatureCollection = { type: 'FeatureCollection', features };
    this.atlas.layer('import-preview').fill({ 'import-preview': data });
    if (features.length > 0) {
      const geometry: MultiPoint = { type: 'MultiPoint', coordinates: (p?.points ?? []).map((pt) => [pt.lon, pt.lat]) };
      this.atlas.flyTo(geometry);
    }
  }
}
