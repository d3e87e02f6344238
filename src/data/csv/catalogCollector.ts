// Gathers item attributes (title, category, brand, price) that some event logs repeat on every row.
import type { ItemCatalog } from '../eventLog';
import type { Role } from './columns';

export interface Attributes {
  title: string;
  category: string;
  brand: string;
  price: number;
}

export class CatalogCollector {
  readonly active: boolean;
  /** Indexed by the log's item index; filled in the order items first appear. */
  private readonly byItem: (Attributes | undefined)[] = [];
  private complete: Uint8Array = new Uint8Array(1024);
  /** File columns this collector reads, in a fixed order; `add` receives their values in the same order. */
  readonly columns: number[];
  /** Position of each attribute in the values passed to `add` (-1 when the file lacks it). */
  private readonly cols: { title: number; category: number; brand: number; price: number };
  constructor(roles: Partial<Record<Role, number>>) {
    const wanted = (['title', 'category', 'brand', 'price'] as const).filter((r) => roles[r] !== undefined);
    this.columns = wanted.map((r) => roles[r]!);
    const at = (r: (typeof wanted)[number]) => wanted.indexOf(r);
    this.cols = { title: at('title'), category: at('category'), brand: at('brand'), price: at('price') };
    this.active = wanted.length > 0;
  }

  /** The attributes held for an item, as bits: bit k for the k-th of `columns` (what a later row could still fill). */
  held(item: number): number {
    const a = this.byItem[item];
    if (!a) return 0;
    const { title, category, brand, price } = this.cols;
    let bits = 0;
    if (title >= 0 && a.title) bits |= 1 << title;
    if (category >= 0 && a.category) bits |= 1 << category;
    if (brand >= 0 && a.brand) bits |= 1 << brand;
    if (price >= 0 && !Number.isNaN(a.price)) bits |= 1 << price;
    return bits;
  }

  isComplete(item: number): boolean {
    return item < this.complete.length && this.complete[item] === 1;
  }
  /** Keeps the first non-empty value of each attribute per item; `row` holds the values of `columns`, in order. */
  add(item: number, row: string[]): void {
    if (item >= this.complete.length) {
      const grown = new Uint8Array(Math.max(item + 1, this.complete.length * 2));
      grown.set(this.complete);
      this.complete = grown;
    }
    if (this.complete[item]) return;
    let a = this.byItem[item];
    if (!a) {
      a = { title: '', category: '', brand: '', price: NaN };
      this.byItem[item] = a;
    }
    const { title, category, brand, price } = this.cols;
    if (title >= 0 && !a.title) a.title = row[title].trim();
    if (category >= 0 && !a.category) a.category = row[category].trim();
    if (brand >= 0 && !a.brand) a.brand = row[brand].trim();
    if (price >= 0 && Number.isNaN(a.price)) {
      const p = Number(row[price]);
      if (row[price].trim() !== '' && Number.isFinite(p)) a.price = p;
    }
    if ((title < 0 || a.title) && (category < 0 || a.category) && (brand < 0 || a.brand) && (price < 0 || !Number.isNaN(a.price)))
      this.complete[item] = 1;
  }
  /**
   * Attributes by the item indices `add` was given (the part's own dictionary): a part's attributes, for merging the
   * parts of a file. An array, not a map by id: a REES46-shaped log's 370,000 items cost ~15% of its load through a Map.
   */
  snapshot(): (Attributes | null)[] | null {
    if (!this.active) return null;
    return Array.from(this.byItem, (a) => a ?? null);
  }
}

/** A part's attributes (indexed like its item dictionary) and that dictionary. */
export interface PartAttributes {
  attributes: readonly (Attributes | null)[] | null;
  items: readonly string[];
}

/**
 * One catalog from parts in file order: per item, each attribute from the first part that has it; rows follow
 * `itemIds`. A single part's items are `itemIds` in the same order (EventLogBuilder.fromParts adopts its dictionary),
 * so its attributes are read by index; several parts are matched by id.
 */
export function mergeAttributes(parts: readonly PartAttributes[], itemIds: readonly string[]): ItemCatalog | null {
  if (parts.every((p) => p.attributes === null)) return null;
  const attrs: Attributes[] = Array.from(itemIds, () => ({ title: '', category: '', brand: '', price: NaN }));
  const byIndex = parts.length === 1 && parts[0].items.length === itemIds.length;
  const indexOf = byIndex ? null : new Map(itemIds.map((id, i) => [id, i]));
  for (const p of parts) {
    if (!p.attributes) continue;
    for (let j = 0; j < p.attributes.length; j++) {
      const b = p.attributes[j];
      const a = b && attrs[indexOf ? (indexOf.get(p.items[j]) ?? -1) : j];
      if (!b || !a) continue;
      a.title ||= b.title;
      a.category ||= b.category;
      a.brand ||= b.brand;
      if (Number.isNaN(a.price)) a.price = b.price;
    }
  }
  return {
    ids: [...itemIds],
    // With no title column, a readable stand-in: "smartphone · samsung" beats an opaque product id.
    title: attrs.map((a, i) => a.title || [a.category.split('.').pop(), a.brand].filter(Boolean).join(' · ') || itemIds[i]),
    description: attrs.map((a) => [a.brand, a.category].filter(Boolean).join(', ')),
    category: attrs.map((a) => a.category),
    brand: attrs.map((a) => a.brand),
    price: Float64Array.from(attrs, (a) => a.price),
  };
}
