// What the analyst is about to load: per file its kind, dialect and column roles (pure; remembered per file shape).
import { detectEventMapping, detectItemMapping, EVENT_ROLES, ITEM_ROLES, type ColumnMapping, type Role } from '../../../data/csv/columns';
import type { FileShape } from '../../../data/csv/reader';

export type FileKind = 'events' | 'items' | 'skip';

export interface PlannedFile {
  file: File;
  shape: FileShape;
  kind: FileKind;
  mapping: ColumnMapping;
}

export const rolesFor = (kind: FileKind): readonly Role[] => (kind === 'items' ? ITEM_ROLES : EVENT_ROLES);

export function guessKind(name: string, shape: FileShape, eventsTaken: boolean): FileKind {
  if (/item|movie|product|catalog|goods/i.test(name)) return 'items';
  const mapping = detectEventMapping(shape.header, shape.sample);
  if (!eventsTaken && mapping.roles.user !== undefined && mapping.roles.item !== undefined) return 'events';
  return 'items';
}

/** A file's shape: its header names, or its width and delimiter when it has none. */
export const shapeKey = (kind: FileKind, shape: FileShape): string =>
  `reclens.mapping.${kind}.${shape.header ? shape.header.join('\u241f') : `${shape.width}x${shape.dialect.delimiter}`}`;

export function proposeMapping(
  kind: FileKind,
  shape: FileShape,
  storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage,
): ColumnMapping {
  const remembered = storage?.getItem(shapeKey(kind, shape));
  if (remembered) {
    try {
      const parsed = JSON.parse(remembered) as ColumnMapping;
      const valid = Object.values(parsed.roles).every((c) => Number.isInteger(c) && c >= 0 && c < shape.width);
      if (valid) return parsed;
    } catch {
      // A damaged entry is ignored; detection takes over.
    }
  }
  return kind === 'items' ? detectItemMapping(shape.header, shape.sample, shape.width) : detectEventMapping(shape.header, shape.sample);
}

export function rememberMapping(plan: PlannedFile, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  storage?.setItem(shapeKey(plan.kind, plan.shape), JSON.stringify(plan.mapping));
}

/** Role of each column (or null), for the mapping editor. */
export function columnRoles(mapping: ColumnMapping, width: number): (Role | null)[] {
  const out: (Role | null)[] = new Array(width).fill(null);
  for (const [role, col] of Object.entries(mapping.roles) as [Role, number][]) if (col < width) out[col] = role;
  return out;
}

/** Assign a role to a column, taking it away from any column that had it. */
export function assignRole(mapping: ColumnMapping, column: number, role: Role | null): ColumnMapping {
  const roles: Partial<Record<Role, number>> = {};
  for (const [r, c] of Object.entries(mapping.roles) as [Role, number][]) if (c !== column && r !== role) roles[r] = c;
  if (role) roles[role] = column;
  return { ...mapping, roles };
}
