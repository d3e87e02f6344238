// The demo's per-user structural causal model: the planted graph, its equations, and the exogenous noise.
/*
 * Per user u, with latent activity A and independent uniforms U_* (the exogenous noise):
 *
 *   A         ~ Normal(0, 1)                                        latent activity, never exported
 *   B         ~ Normal(0, 1)                                        browsing intensity, m = exp(0.3·B − 0.045), E[m] = 1
 *   sessions  = min(40, 1 + PoissonQ(U_s; 4.5 · exp(0.55·A)))       the confounder
 *   exposed   = 1[U_e < clip(−0.15 + 0.11·sessions, 0.02, 0.95)]     the treatment
 *   views     = sessions + PoissonQ(U_v; m · (0.8·sessions + 5·exposed))
 *   clicks    = min(views, PoissonQ(U_c; 0.3·views + 1.2·exposed))
 *   carts     = BinomialQ(U_k; clicks, 0.35)
 *   purchased = 1[carts ≥ 1] · 1[U_p < clip(0.04·carts + 0.045·sessions + 0.15·exposed, 0, 0.95)]
 *
 * PoissonQ / BinomialQ are inverse CDFs of one uniform each (see sampling.ts), so an intervention do(exposed = e)
 * replays the same U_* and the potential outcomes are coupled (common random numbers).
 *
 * Why this shape:
 * - A drives only `sessions`, so every back-door path from `exposed` to `purchased` runs through `sessions`:
 *   {sessions} is a valid adjustment set, and the naive exposed-vs-unexposed gap is inflated because active users
 *   are both more often exposed and more likely to buy.
 * - Conditional means are linear (or clipped-linear) in the parents' counts and monotone, so linear-Gaussian
 *   discovery (PC with Fisher-z, NOTEARS) has a fair chance; every coefficient is large enough to show with a few
 *   thousand users.
 * - The coefficients were chosen by searching for the largest minimum |Fisher-z| over every edge and every
 *   conditioning set (seeds 42, 7, 99; 3000 users): each planted edge stays above z ≈ 5 even where conditioning on a
 *   common child (views, clicks) opens a collider path that works against it, and the naive gap stays ≈ 2× the ATE.
 * - B makes views noisier than a near-copy of sessions; without it conditioning on views hides sessions→purchased.
 * - views ≥ sessions: each session holds at least one view, so "distinct sessions in the event log" equals `sessions`.
 * - clicks ≤ views and carts ≤ clicks: each click is on a viewed item, each cart on a clicked item.
 * - A purchase needs a cart (carts = 0 ⇒ purchased = 0): the event stream buys a carted item, and the model never
 *   asks for a purchase with nothing in the cart. The gate is monotone in `carts`.
 * - `sessions` is capped at 40 to keep the Poisson means small (the inverse CDF starts from exp(-mean)).
 */
import type { Rng } from '../../lib/rng';
import { binomialInv, clip, poissonInv } from './sampling';

/** Per-user variables, named as the causal-analysis feature names its default per-user variables. */
export const VARIABLES = {
  sessions: 'Activity level: number of distinct sessions in the 30 days (confounder, driven by latent activity).',
  exposed: '1 if the user was shown recommendations (any exposure event), else 0 (treatment).',
  views: 'Number of item view events.',
  clicks: 'Number of click events (each on a viewed item).',
  carts: 'Number of add-to-cart events (each on a clicked item).',
  purchased: '1 if the user made a purchase (of a carted item), else 0 (outcome).',
} as const;

export type VariableName = keyof typeof VARIABLES;
export type UserValues = Record<VariableName, number>;

export interface Edge {
  from: VariableName;
  to: VariableName;
}

/** The planted DAG, exactly the parent sets used in `solve`. */
export const EDGES: readonly Edge[] = [
  { from: 'sessions', to: 'exposed' },
  { from: 'sessions', to: 'views' },
  { from: 'exposed', to: 'views' },
  { from: 'views', to: 'clicks' },
  { from: 'exposed', to: 'clicks' },
  { from: 'clicks', to: 'carts' },
  { from: 'carts', to: 'purchased' },
  { from: 'sessions', to: 'purchased' },
  { from: 'exposed', to: 'purchased' },
];

/** Coefficients of the equations above; kept together so the comment block and the code stay in step. */
export const PARAMS = {
  sessionsBase: 4.5,
  sessionsActivity: 0.55,
  sessionsCap: 40,
  exposedIntercept: -0.15,
  exposedPerSession: 0.11,
  extraViewsPerSession: 0.8,
  extraViewsExposed: 5,
  browsingSd: 0.3,
  clicksPerView: 0.3,
  clicksExposed: 1.2,
  cartRate: 0.35,
  buyPerCart: 0.04,
  buyPerSession: 0.045,
  buyExposed: 0.15,
} as const;

/** One user's exogenous noise: everything random about the user's SCM values. */
export interface Exogenous {
  activity: number;
  uSessions: number;
  uExposed: number;
  uViews: number;
  /** Standard normal: a per-user browsing intensity that scales the extra views (keeps views from being a near-copy of sessions). */
  browsing: number;
  uClicks: number;
  uCarts: number;
  uPurchased: number;
}

export function sampleExogenous(rng: Rng): Exogenous {
  return {
    activity: rng.normal(),
    uSessions: rng.next(),
    uExposed: rng.next(),
    uViews: rng.next(),
    browsing: rng.normal(),
    uClicks: rng.next(),
    uCarts: rng.next(),
    uPurchased: rng.next(),
  };
}

/** Evaluate the structural equations for one user; `doExposed` replaces the `exposed` equation (an intervention). */
export function solve(u: Exogenous, doExposed?: 0 | 1): UserValues {
  const P = PARAMS;
  const sessions = Math.min(P.sessionsCap, 1 + poissonInv(u.uSessions, P.sessionsBase * Math.exp(P.sessionsActivity * u.activity)));
  const pExposed = clip(P.exposedIntercept + P.exposedPerSession * sessions, 0.02, 0.95);
  const exposed = doExposed ?? (u.uExposed < pExposed ? 1 : 0);
  // The log-normal intensity has mean 1, so E[views | sessions, exposed] stays linear.
  const intensity = Math.exp(P.browsingSd * u.browsing - (P.browsingSd * P.browsingSd) / 2);
  const views = sessions + poissonInv(u.uViews, intensity * (P.extraViewsPerSession * sessions + P.extraViewsExposed * exposed));
  const clicks = Math.min(views, poissonInv(u.uClicks, P.clicksPerView * views + P.clicksExposed * exposed));
  const carts = binomialInv(u.uCarts, clicks, P.cartRate);
  const pBuy = clip(P.buyPerCart * carts + P.buyPerSession * sessions + P.buyExposed * exposed, 0, 0.95);
  const purchased = carts >= 1 && u.uPurchased < pBuy ? 1 : 0;
  return { sessions, exposed, views, clicks, carts, purchased };
}
