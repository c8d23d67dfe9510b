/**
 * State of the 乡镇工作 panel (issue 15): which record kind is being entered, the township (a
 * township user's own; the chosen one for the brigade), the form's fields, saving through the API
 * and the latest records of the township. The server validates and checks the township again.
 */
import {
  fetchPatrols,
  fetchTrainings,
  fetchVillageVisits,
  type PatrolList,
  postPatrol,
  postTraining,
  postVillageVisit,
  type TrainingList,
  type VillageVisitList,
} from '../../api-bulletin';
import { errorMessage } from '../../api-error';

export type WorkKind = 'patrols' | 'trainings' | 'visits';
export const workKinds: readonly WorkKind[] = ['patrols', 'trainings', 'visits'];
export const trainingKinds = ['training', 'drill', 'publicity', 'banner', 'leaflet'] as const;

const optional = (s: string) => (s.trim() === '' ? undefined : s.trim());
const PAGE_SIZE = 20;
/** The API's name of each kind (routes and exports). */
export const workApiKind = { patrols: 'patrols', trainings: 'trainings', visits: 'village-visits' } as const;

export class TownshipWork {
  kind = $state<WorkKind>('patrols');
  township = $state('');
  /** The county chosen in the app (adcode; '' = every county's records, as before). */
  county = $state('');
  date = $state('');
  siteId = $state('');
  address = $state('');
  lon = $state('');
  lat = $state('');
  patroller = $state('');
  hazardsFound = $state(0);
  trainingKind = $state<(typeof trainingKinds)[number]>('training');
  place = $state('');
  quantity = $state(0);
  villageCode = $state('');
  topic = $state('');
  note = $state('');
  error = $state<string | undefined>(undefined);
  saved = $state(false);
  list = $state.raw<PatrolList | TrainingList | VillageVisitList | undefined>(undefined);
  /** The records list: its window (empty = open) and page. */
  from = $state('');
  to = $state('');
  offset = $state(0);
  readonly pageSize = PAGE_SIZE;

  /** The list's filters as query parameters (the export's too). */
  get filter(): { county?: string; township?: string; from?: string; to?: string } {
    return {
      county: optional(this.county),
      township: optional(this.township),
      from: optional(this.from),
      to: optional(this.to),
    };
  }

  async load(): Promise<void> {
    this.error = undefined;
    const q = { ...this.filter, limit: String(PAGE_SIZE), offset: String(this.offset) };
    try {
      this.list =
        this.kind === 'patrols'
          ? await fetchPatrols(q)
          : this.kind === 'trainings'
            ? await fetchTrainings(q)
            : await fetchVillageVisits(q);
    } catch (err) {
      this.error = errorMessage(err);
    }
  }

  async save(): Promise<void> {
    this.error = undefined;
    this.saved = false;
    const note = optional(this.note);
    try {
      if (this.kind === 'patrols') {
        const site = optional(this.siteId);
        await postPatrol({
          townshipCode: this.township,
          ...(site
            ? { siteId: Number(site) }
            : { address: optional(this.address), lonLat: [Number(this.lon), Number(this.lat)] as [number, number] }),
          patrolledOn: this.date,
          patroller: this.patroller,
          hazardsFound: this.hazardsFound,
          ...(note ? { note } : {}),
        });
      } else if (this.kind === 'trainings') {
        await postTraining({
          townshipCode: this.township,
          heldOn: this.date,
          kind: this.trainingKind,
          place: this.place,
          quantity: this.quantity,
          ...(note ? { note } : {}),
        });
      } else {
        await postVillageVisit({
          townshipCode: this.township,
          villageCode: this.villageCode,
          visitedOn: this.date,
          topic: this.topic,
          ...(note ? { note } : {}),
        });
      }
      this.saved = true;
      await this.load();
    } catch (err) {
      this.error = errorMessage(err);
    }
  }
}
