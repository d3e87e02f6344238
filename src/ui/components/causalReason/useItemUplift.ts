// Each shown item's estimated uplift for the user, from the uplift model fitted on the recommender (Evaluate view,
// "causal vs traditional"): null until one is fitted, re-read after a refit, for a new user or a new list.
import { useEffect, useState } from 'react';
import { useApp } from '../../../store';
import { upliftOf } from '../../../store/upliftActions';
import type { ItemUplift } from './causalReasonText';

export interface ItemUpliftState {
  /** By item index; null when no uplift model is fitted on this recommender (or while it is read). */
  uplift: ReadonlyMap<number, ItemUplift> | null;
  /** Whether an uplift model is fitted on this recommender at all. */
  fitted: boolean;
  error: string | null;
}

export function useItemUplift(modelId: string | null | undefined, user: number, items: readonly number[]): ItemUpliftState {
  const fit = useApp((s) => (modelId ? s.upliftFits[modelId] : undefined));
  const [state, setState] = useState<{ uplift: ReadonlyMap<number, ItemUplift> | null; error: string | null }>({
    uplift: null,
    error: null,
  });
  // The list by value, so a re-render with an equal list does not ask the worker again.
  const key = items.join(',');
  useEffect(() => {
    setState({ uplift: null, error: null });
    const list = key ? key.split(',').map(Number) : [];
    if (!modelId || !fit || !list.length) return;
    let stale = false;
    upliftOf(modelId, user, list).then(
      (est) => !stale && setState({ uplift: est ? new Map(list.map((item, i) => [item, est[i]])) : null, error: null }),
      (e: Error) => !stale && setState({ uplift: null, error: e.message }),
    );
    return () => void (stale = true);
  }, [modelId, fit, user, key]);
  return { ...state, fitted: !!fit };
}
