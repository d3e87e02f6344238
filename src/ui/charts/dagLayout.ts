// Pure layout of a causal graph: layered (dagre, Sugiyama-style) node positions and edge routes, edge thickness by
// bootstrap stability (or |weight| when there is none), colour by the sign of the edge's strength.
import dagre from '@dagrejs/dagre';
import { charsIn, clipName, textWidth } from './labelFit';

/** `undirected`: PC could not orient it; drawn dashed in the listed direction until the analyst decides. */
export interface DagEdgeInput {
  from: string;
  to: string;
  weight?: number;
  stability?: number;
  undirected?: boolean;
  /** Points from a later tier of the log's time order to an earlier one: drawn dotted with a ⚠ at its middle. */
  againstTimeOrder?: boolean;
}

export interface DagLayout {
  width: number;
  height: number;
  /** `label`: the name as drawn, clipped to the node's box (the full name is `id`). */
  nodes: { id: string; label: string; x: number; y: number; w: number; h: number }[];
  edges: (DagEdgeInput & { points: { x: number; y: number }[]; strokeWidth: number; colour: string })[];
}

const NODE_W = 110;
/** Widest node: a longer name is clipped inside it (REES46's category shares are named like "cat_appliances.kitchen.refrigerators"). */
const MAX_NODE_W = 220;
const NODE_H = 36;

/** A node as wide as its name needs (with a margin each side), from NODE_W to MAX_NODE_W. */
const nodeWidth = (name: string) => Math.max(NODE_W, Math.min(MAX_NODE_W, textWidth(name) + 16));

export function dagLayout(nodes: readonly string[], edges: readonly DagEdgeInput[]): DagLayout {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 30, ranksep: 70, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n, { width: nodeWidth(n), height: NODE_H });
  for (const e of edges) g.setEdge(e.from, e.to);
  dagre.layout(g);
  const maxWeight = Math.max(1e-9, ...edges.map((e) => Math.abs(e.weight ?? 0)));
  const graph = g.graph();
  return {
    width: Math.max(200, graph.width ?? 0),
    height: Math.max(80, graph.height ?? 0),
    nodes: nodes.map((id) => {
      const n = g.node(id);
      const w = nodeWidth(id);
      return { id, label: clipName(id, charsIn(w - 4)), x: n.x, y: n.y, w, h: NODE_H };
    }),
    edges: edges.map((e) => {
      const strength = e.stability ?? Math.abs(e.weight ?? 0) / maxWeight;
      return {
        ...e,
        points: g.edge(e.from, e.to)?.points ?? [],
        strokeWidth: 1 + 5 * Math.max(0, Math.min(1, Number.isFinite(strength) ? strength : 1)),
        // Okabe–Ito blue for positive, vermillion for negative, grey when the sign is unknown.
        colour: e.weight === undefined || !Number.isFinite(e.weight) ? '#7f7f7f' : e.weight >= 0 ? '#0072B2' : '#D55E00',
      };
    }),
  };
}
