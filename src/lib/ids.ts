// Branded indices: a user index and an item index are both numbers, but one cannot be passed where the other is meant.
// Typed arrays stay Uint32Array/Int32Array; brand a value at the read (`asItemIdx(log.item[e])`) or where it is created
// (the log builder, splits, a parsed CLI flag or checkpoint). The casts cost nothing at run time.

/** Row of a user in the log's user list (-1 = an edited history that belongs to no known user). */
export type UserIdx = number & { readonly __brand: 'UserIdx' };
/** Row of an item in the log's (or a checkpoint's) item list. */
export type ItemIdx = number & { readonly __brand: 'ItemIdx' };

export const asUserIdx = (n: number): UserIdx => n as UserIdx;
export const asItemIdx = (n: number): ItemIdx => n as ItemIdx;

/** Brands every element of a plain list (or typed array) of item indices. */
export const asItemIdxs = (xs: ArrayLike<number>): ItemIdx[] => Array.from(xs, asItemIdx);
/** Brands every element of a plain list (or typed array) of user indices. */
export const asUserIdxs = (xs: ArrayLike<number>): UserIdx[] => Array.from(xs, asUserIdx);

/** The user index of a history that no longer belongs to a known user. */
export const UNKNOWN_USER: UserIdx = asUserIdx(-1);
