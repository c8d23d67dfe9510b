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

export class TownshipWork {
  kind = $state<WorkKind>('patrols');
  township = $state('');
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

  async load(): Promise<void> {
    if (!this.township) return;
    const q = { township: this.township, limit: '20' };
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
