/**
 * The attribute form of each editable layer (issue 13), as data: which properties, how each is
 * entered, its label and its choices. Values are checked by the API's own zod schemas
 * (server/schemas/asset-edit.ts) before they are sent — one set of rules for form and server.
 */
import { hydrantKind, hydrantStatus, siteCategory, unitKind, unitStatus } from '../../../db/schema';
import type { MessageKey } from '../../i18n';
import type { EditLayer } from './api';

export interface Field {
  key: string;
  label: MessageKey;
  type: 'text' | 'int' | 'number' | 'date' | 'enum' | 'list';
  options?: { value: string | number; label: MessageKey }[];
  /** Blank means "none" (null) rather than "not filled in". */
  optional?: boolean;
}

const choices = <T extends string>(values: readonly T[], prefix: string) =>
  values.map((value) => ({ value, label: `${prefix}.${value}` as MessageKey }));

export const formFields: Record<EditLayer, Field[]> = {
  units: [
    { key: 'code', label: 'field.code', type: 'text' },
    { key: 'name', label: 'edit.name', type: 'text' },
    { key: 'kind', label: 'field.kind', type: 'enum', options: choices(unitKind.enumValues, 'unitKind') },
    { key: 'status', label: 'field.status', type: 'enum', options: choices(unitStatus.enumValues, 'unitStatus') },
    { key: 'grade', label: 'field.grade', type: 'text', optional: true },
    { key: 'staff', label: 'field.staff', type: 'int' },
    { key: 'vehicles', label: 'field.vehicles', type: 'int' },
    { key: 'turnoutS', label: 'edit.turnoutS', type: 'int' },
    { key: 'equipment', label: 'field.equipment', type: 'list' },
    { key: 'address', label: 'field.address', type: 'text', optional: true },
  ],
  hydrants: [
    { key: 'code', label: 'field.code', type: 'text', optional: true },
    { key: 'kind', label: 'field.kind', type: 'enum', options: choices(hydrantKind.enumValues, 'hydrantKind') },
    { key: 'status', label: 'field.status', type: 'enum', options: choices(hydrantStatus.enumValues, 'hydrantStatus') },
    { key: 'flowLps', label: 'edit.flowLps', type: 'number', optional: true },
    { key: 'pressureMpa', label: 'edit.pressureMpa', type: 'number', optional: true },
    { key: 'installedOn', label: 'field.installedOn', type: 'date', optional: true },
    { key: 'roadName', label: 'field.road', type: 'text', optional: true },
  ],
  sites: [
    { key: 'code', label: 'field.code', type: 'text', optional: true },
    { key: 'name', label: 'edit.name', type: 'text' },
    {
      key: 'category',
      label: 'field.category',
      type: 'enum',
      options: choices(siteCategory.enumValues, 'siteCategory'),
    },
    {
      key: 'riskLevel',
      label: 'field.risk',
      type: 'enum',
      options: [1, 2, 3, 4].map((v) => ({ value: v, label: `risk.${v}` as MessageKey })),
    },
    { key: 'floors', label: 'field.floors', type: 'int', optional: true },
    { key: 'heightM', label: 'edit.heightM', type: 'number', optional: true },
    { key: 'address', label: 'field.address', type: 'text', optional: true },
  ],
};

/** Defaults of a new row's form. */
export const newRow: Record<EditLayer, Record<string, unknown>> = {
  units: { kind: 'micro_station', status: 'in_service', staff: 6, vehicles: 1, turnoutS: 60, equipment: [] },
  hydrants: { kind: 'municipal', status: 'ok' },
  sites: { category: 'nine_small', riskLevel: 2 },
};

/** A form's text inputs → the typed values the schemas take ('' = null when optional, else absent). */
export function parseForm(fields: readonly Field[], text: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const raw = (text[f.key] ?? '').trim();
    if (raw === '') {
      if (f.optional) out[f.key] = null;
      else if (f.type === 'list') out[f.key] = [];
      continue;
    }
    if (f.type === 'int' || f.type === 'number') out[f.key] = Number(raw);
    else if (f.type === 'enum') out[f.key] = f.options?.find((o) => String(o.value) === raw)?.value ?? raw;
    else if (f.type === 'list')
      out[f.key] = raw
        .split(/[,，、\n]/)
        .map((s) => s.trim())
        .filter(Boolean);
    else out[f.key] = raw;
  }
  return out;
}

/** A row's properties → the form's text inputs. */
export function formText(fields: readonly Field[], props: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    fields.map((f) => {
      const v = props[f.key];
      if (v === null || v === undefined) return [f.key, ''];
      return [f.key, Array.isArray(v) ? v.join('、') : String(v)];
    }),
  );
}

/** Only what changed, for a PATCH. */
export function changed(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(after).filter(([k, v]) => JSON.stringify(v ?? null) !== JSON.stringify(before[k] ?? null)),
  );
}
