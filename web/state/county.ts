/**
 * The county choice (issue 12 §5), pure: which counties the picker offers (those holding
 * townships, the focus county first) and whether a feature with a township code belongs to the
 * chosen county. The chosen adcode lives in the Atlas (`atlas.county`, '' = the focus county).
 */
import type { Feature } from 'geojson';
import type { Props } from '../map/layer-module';

export interface CountyOption {
  adcode: string;
  name: string;
  focus: boolean;
}

/** Counties with at least one township, the focus county first, then by adcode. */
export function countyOptions(counties: readonly Feature[], townships: readonly Feature[]): CountyOption[] {
  const held = new Set(townships.map((f) => String((f.properties as Props).adcode)));
  return counties
    .map((f) => f.properties as Props)
    .filter((p) => held.has(String(p.adcode)))
    .map((p) => ({ adcode: String(p.adcode), name: String(p.name), focus: p.focus === true }))
    .sort((a, b) => Number(b.focus) - Number(a.focus) || a.adcode.localeCompare(b.adcode));
}

/**
 * Whether a row with this township code is of the county `adcode` (townships tile their county:
 * a township code starts with its county's adcode). A row without a township counts as the focus
 * county's, as the server's focus-county answers have always counted it.
 */
export function ofCounty(townshipCode: unknown, adcode: string, focusAdcode: string | undefined): boolean {
  if (typeof townshipCode !== 'string' || townshipCode === '') return adcode === focusAdcode;
  return townshipCode.startsWith(adcode);
}
