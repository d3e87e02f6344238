// Names that tell items apart. A catalog's title need not be unique: REES46 has no product names, so its items are
// titled by category and brand ("smartphone · samsung" is hundreds of products), and ml-100k lists some films twice
// under one title. A recommendation list or a reason that says "lego" twice names two items as one, so a title
// shared by two or more items carries the item's id after it ("lego #26400363"); a unique title is left as it is.

/** Per item: its title, or "title #id" where another item has the same title. `titles[i]` belongs to `ids[i]`. */
export function distinctNames(titles: readonly string[], ids: readonly string[]): string[] {
  const count = new Map<string, number>();
  for (const t of titles) count.set(t, (count.get(t) ?? 0) + 1);
  return titles.map((t, i) => (count.get(t)! > 1 && t !== ids[i] ? `${t} #${ids[i]}` : t));
}
