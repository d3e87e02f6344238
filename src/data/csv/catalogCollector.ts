// Gathers item attributes (title, category, brand, price) that some event logs repeat on every row.
import type { ItemCatalog } from '../eventLog';
import type { Role } from './columns';

interface Attributes { title: string; category: string; brand: string; price: number }

export class CatalogCollector {
  readonly active: boolean;
  private readonly byItem = new Map<string, Attributes>();
  private readonly cols: { title: number; category: number; brand: number; price: number };
  constructor(roles: Partial<Record<Role, number>>) {
    this.cols = { title: roles.title ?? -1, category: roles.category ?? -1, brand: roles.brand ?? -1, price: roles.price ?? -1 };
    this.active = Object.values(this.cols).some((c) => c >= 0);
  }
  /** Keeps the first non-empty value of each attribute per item. */
  add(item: string, row: string[]): void {
    let a = this.byItem.get(item);
    if (!a) {
      a = { title: '', category: '', brand: '', price: NaN };
      this.byItem.set(item, a);
    }
    const { title, category, brand, price } = this.cols;
    if (title >= 0 && !a.title) a.title = row[title].trim();
    if (category >= 0 && !a.category) a.category = row[category].trim();
    if (brand >= 0 && !a.brand) a.brand = row[brand].trim();
    if (price >= 0 && Number.isNaN(a.price)) {
      const p = Number(row[price]);
      if (row[price].trim() !== '' && Number.isFinite(p)) a.price = p;
    }
  }
  build(): ItemCatalog | null {
    if (!this.active) return null;
    const ids = [...this.byItem.keys()];
    const attrs = [...this.byItem.values()];
    return {
      ids,
      // With no title column, a readable stand-in: "smartphone · samsung" beats an opaque product id.
      title: attrs.map((a, i) => a.title || [a.category.split('.').pop(), a.brand].filter(Boolean).join(' · ') || ids[i]),
      description: attrs.map((a) => [a.brand, a.category].filter(Boolean).join(', ')),
      category: attrs.map((a) => a.category),
      price: Float64Array.from(attrs, (a) => a.price),
    };
  }
}
