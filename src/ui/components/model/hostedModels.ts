// The text models served with the app (public/models/index.json), fetched once from the app's own origin, and which
// of them have random weights: their vectors carry no meaning, so every place that uses them says so.
import { useEffect, useState } from 'react';
import { useApp } from '../../../store';

export interface HostedModel {
  id: string;
  description?: string;
  /** A test model whose weights are random (tiny-bert): useful for pipelines, meaningless as semantics. */
  randomWeights?: boolean;
}

let index: Promise<HostedModel[]> | undefined;

function hostedIndex(): Promise<HostedModel[]> {
  index ??= fetch(new URL('models/index.json', document.baseURI))
    .then((r) => (r.ok ? r.json() : []))
    .then((list: unknown) => (Array.isArray(list) ? (list as HostedModel[]).filter((m) => typeof m?.id === 'string') : []))
    .catch(() => []);
  return index;
}

export function useHostedModels(): HostedModel[] {
  const [list, setList] = useState<HostedModel[]>([]);
  useEffect(() => {
    let live = true;
    void hostedIndex().then((l) => live && setList(l));
    return () => {
      live = false;
    };
  }, []);
  return list;
}

/**
 * Whether a text model's source is (or was made from) a random-weight hosted model. A model made in the app — a
 * fine-tuned classifier, a pretrained adaptation — names its base's source first ("<base> → …"), so it inherits.
 */
export function randomWeightSource(source: string, hosted: readonly HostedModel[], baseUri: string): boolean {
  return hosted.some((m) => m.randomWeights && source.startsWith(new URL(`models/${encodeURIComponent(m.id)}/`, baseUri).href));
}

/** True when the active dataset's item embeddings come from a random-weight model. */
export function useRandomItemVectors(): boolean {
  const hosted = useHostedModels();
  const source = useApp((s) => {
    const e = s.activeDatasetId ? s.itemEmbeddings[s.activeDatasetId] : undefined;
    return e ? s.textModels.find((m) => m.id === e.textModelId)?.source : undefined;
  });
  return !!source && randomWeightSource(source, hosted, document.baseURI);
}
