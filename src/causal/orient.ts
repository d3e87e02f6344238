// PC's second phase: background knowledge, v-structures (colliders), then Meek's rules R1–R4 to a fixed point.
import type { Knowledge } from './knowledge';

/**
 * A partially directed graph as arrow marks: mark[i][j] means the edge i–j may point i→j. Both marks set: undirected;
 * only mark[i][j]: directed i→j; neither: no edge.
 */
export type Marks = boolean[][];

export const isUndirected = (m: Marks, i: number, j: number): boolean => m[i][j] && m[j][i];
export const isDirected = (m: Marks, i: number, j: number): boolean => m[i][j] && !m[j][i];
export const isAdjacent = (m: Marks, i: number, j: number): boolean => m[i][j] || m[j][i];

export function orient(adjacent: boolean[][], sepset: (number[] | null)[][], knowledge: Knowledge): Marks {
  const d = adjacent.length;
  const m: Marks = adjacent.map((row) => [...row]);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      if (!adjacent[i][j]) continue;
      if (!knowledge.allowed[i][j]) m[i][j] = false;
      if (knowledge.required[i][j]) m[j][i] = false;
    }
  }
  orientColliders(m, sepset);
  applyMeek(m);
  return m;
}

/** i→k←j for every unshielded triple whose separating set lacks k; an arrowhead already ruled out is left alone. */
function orientColliders(m: Marks, sepset: (number[] | null)[][]): void {
  const d = m.length;
  for (let i = 0; i < d; i++) {
    for (let j = i + 1; j < d; j++) {
      if (isAdjacent(m, i, j)) continue;
      for (let k = 0; k < d; k++) {
        if (k === i || k === j || !isAdjacent(m, i, k) || !isAdjacent(m, j, k)) continue;
        if (sepset[i][j]?.includes(k)) continue;
        // Orient only where knowledge (or an earlier collider) has not already fixed k→i or k→j.
        if (m[i][k] && m[j][k]) {
          m[k][i] = false;
          m[k][j] = false;
        }
      }
    }
  }
}

/** Meek (1995) rules; they add no new v-structure and no cycle, and are complete for background knowledge with R4. */
export function applyMeek(m: Marks): void {
  const d = m.length;
  const direct = (a: number, b: number) => {
    m[b][a] = false;
    changed = true;
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) {
        if (a === b || !isUndirected(m, a, b)) continue;
        // R1: c→a—b, c and b non-adjacent ⇒ a→b.
        let done = false;
        for (let c = 0; c < d && !done; c++) if (c !== b && isDirected(m, c, a) && !isAdjacent(m, c, b)) done = true;
        // R2: a→c→b and a—b ⇒ a→b (else a cycle).
        for (let c = 0; c < d && !done; c++) if (isDirected(m, a, c) && isDirected(m, c, b)) done = true;
        // R3: a—c→b, a—e→b, c and e non-adjacent ⇒ a→b.
        for (let c = 0; c < d && !done; c++) {
          if (!isUndirected(m, a, c) || !isDirected(m, c, b)) continue;
          for (let e = c + 1; e < d && !done; e++) if (isUndirected(m, a, e) && isDirected(m, e, b) && !isAdjacent(m, c, e)) done = true;
        }
        // R4: a—c→e→b, c and b non-adjacent, a adjacent to e ⇒ a→b.
        for (let c = 0; c < d && !done; c++) {
          if (!isUndirected(m, a, c) || isAdjacent(m, c, b)) continue;
          for (let e = 0; e < d && !done; e++) if (isDirected(m, c, e) && isDirected(m, e, b) && isAdjacent(m, a, e)) done = true;
        }
        if (done) direct(a, b);
      }
    }
  }
}
