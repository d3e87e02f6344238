// bench:explain's knowledge-path figures (#18): per sampled user, the top knowledge path of the top recommendation
// (weighted by occlusion) and whether removing its history events lowers the score more than random sets of its size.
import { existsSync } from 'node:fs';
import { loadItems } from '../../src/data/csv/load';
import { buildKnowledgeGraph, type KnowledgeGraph } from '../../src/data/knowledgeGraph';
import { checkPath, knowledgePaths } from '../../src/explain/knowledge';
import type { ExplainableModel, ExplainTarget } from '../../src/explain/types';
import { fileSource } from '../../src/cli/files';
import { fmt, median } from './report';

/** Random sets per user the top path is compared with (seeded). */
export const KNOWLEDGE = { randomSets: 16 } as const;

/** The graph over the model's items from a u.item-style catalog, or null (with the reason printed) when there is none. */
export async function knowledgeGraphFrom(itemsFile: string, items: readonly string[]): Promise<KnowledgeGraph | null> {
  if (!existsSync(itemsFile)) {
    console.log(`bench/explain: knowledge paths skipped — ${itemsFile} is absent.`);
    return null;
  }
  const loaded = await loadItems(fileSource(itemsFile));
  if (!loaded.ok) throw new Error(`${itemsFile}: ${loaded.reason}`);
  const g = buildKnowledgeGraph(items, loaded.data.catalog);
  if (!g.ok) throw new Error(`${itemsFile}: ${g.reason}`);
  return g.data;
}

export function knowledgeTally(graph: KnowledgeGraph | null, seed: number) {
  const rows: { paths: number; size: number; share: number; comparable: boolean; holds: boolean; ratio: number }[] = [];
  const seconds: number[] = [];
  return {
    async add(model: ExplainableModel, target: ExplainTarget, occlusion: ArrayLike<number>) {
      if (!graph) return;
      const t0 = performance.now();
      const paths = knowledgePaths(graph, target.history, target.item, occlusion);
      if (!paths.length) {
        rows.push({ paths: 0, size: 0, share: 0, comparable: false, holds: false, ratio: NaN });
        return;
      }
      const c = await checkPath(model, target, paths[0].historyEvents, { seed, randomSets: KNOWLEDGE.randomSets });
      if (!c.ok) throw new Error(c.reason);
      const { comparable, holds, pathDrop, randomDrop } = c.data;
      rows.push({
        paths: paths.length,
        size: paths[0].historyEvents.length,
        share: paths[0].share,
        comparable,
        holds,
        ratio: pathDrop / randomDrop,
      });
      seconds.push((performance.now() - t0) / 1000);
    },
    summary() {
      const withPath = rows.filter((r) => r.paths > 0);
      const comparable = withPath.filter((r) => r.comparable);
      return {
        users: rows.length,
        withPathShare: withPath.length / Math.max(1, rows.length),
        /** Of the users with a comparable top path: removing it lowers the score more than random sets of its size. */
        holdsShare: comparable.filter((r) => r.holds).length / Math.max(1, comparable.length),
        comparable: comparable.length,
        medianPaths: median(withPath.map((r) => r.paths)),
        medianTopPathEvents: median(withPath.map((r) => r.size)),
        medianTopPathShare: median(withPath.map((r) => r.share)),
        medianSeconds: median(seconds),
      };
    },
  };
}

export function knowledgeMarkdown(s: ReturnType<ReturnType<typeof knowledgeTally>['summary']>): string {
  if (!s.users) return '**Knowledge paths:** not measured (no item catalog next to the events file).';
  return (
    `**Knowledge paths (u.item genres, years, title keywords):** removing the top path's history events lowers the top item's score more than ` +
    `${KNOWLEDGE.randomSets} seeded random sets of the same size (mean drop) for **${fmt(100 * s.holdsShare, 1)}%** of the ${s.comparable} users with a comparable path (goal ≥ 80%); ` +
    `${fmt(100 * s.withPathShare, 1)}% of ${s.users} users have at least one path (median ${fmt(s.medianPaths, 0)} paths; the top one holds ${fmt(s.medianTopPathEvents, 0)} events ` +
    `and ${fmt(100 * s.medianTopPathShare, 1)}% of the positive occlusion attribution, medians). Paths are weighted by occlusion on the model's window; ${fmt(s.medianSeconds, 2)} s per check.`
  );
}
