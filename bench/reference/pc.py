"""Textbook PC-stable (Spirtes, Glymour & Scheines; Colombo & Maathuis 2014's order-independent skeleton) with
Fisher-z partial-correlation tests in numpy, then v-structures and Meek rules R1–R3. Ours, written as the reference
for bench/all.ts (no causal-learn / pcalg here: only apt is reachable). Reads a float64 matrix written row-major.
Usage: python3 pc.py DATA.f64 ROWS COLS ALPHA REPS   → one JSON line: seconds per run, tests, edges."""
import itertools, json, math, sys, time
import numpy as np

path, n, d, alpha, reps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
X = np.fromfile(path, dtype=np.float64).reshape(n, d)


def pc(X):
    n, d = X.shape
    C = np.corrcoef(X, rowvar=False)
    adj = ~np.eye(d, dtype=bool)
    sepset = {}
    tests = 0

    def indep(i, j, S):
        idx = [i, j, *S]
        P = np.linalg.inv(C[np.ix_(idx, idx)])
        r = -P[0, 1] / math.sqrt(P[0, 0] * P[1, 1])
        r = min(0.9999999, max(-0.9999999, r))
        z = math.sqrt(n - len(S) - 3) * 0.5 * math.log((1 + r) / (1 - r))
        return math.erfc(abs(z) / math.sqrt(2)) > alpha

    depth = 0
    while True:
        frozen = adj.copy()  # PC-stable: neighbourhoods fixed for the whole depth
        any_large = False
        for i in range(d):
            for j in range(d):
                if i == j or not adj[i, j]:
                    continue
                nb = [k for k in np.flatnonzero(frozen[i]) if k != j]
                if len(nb) < depth:
                    continue
                any_large = True
                for S in itertools.combinations(nb, depth):
                    tests += 1
                    if indep(i, j, S):
                        adj[i, j] = adj[j, i] = False
                        sepset[(i, j)] = sepset[(j, i)] = set(S)
                        break
        if not any_large:
            break
        depth += 1
    # Orientation: directed[i, j] = True means i → j; an undirected edge has both marks.
    G = adj.copy()
    for j in range(d):
        for i, k in itertools.combinations(np.flatnonzero(adj[j]), 2):
            if not adj[i, k] and j not in sepset.get((i, k), set()):
                G[j, i] = False
                G[j, k] = False
    changed = True
    while changed:
        changed = False
        und = lambda a, b: G[a, b] and G[b, a]
        dirc = lambda a, b: G[a, b] and not G[b, a]
        adjc = lambda a, b: G[a, b] or G[b, a]
        for a in range(d):
            for b in range(d):
                if not und(a, b):
                    continue
                # R1: c → a — b, c not adjacent to b ⇒ a → b
                r1 = any(dirc(c, a) and not adjc(c, b) for c in range(d) if c != b)
                # R2: a → c → b ⇒ a → b
                r2 = any(dirc(a, c) and dirc(c, b) for c in range(d))
                # R3: a — c → b, a — e → b, c and e not adjacent ⇒ a → b
                cs = [c for c in range(d) if und(a, c) and dirc(c, b)]
                r3 = any(not adjc(c, e) for c, e in itertools.combinations(cs, 2))
                if r1 or r2 or r3:
                    G[b, a] = False
                    changed = True
    edges = [[i, j, bool(not G[j, i])] for i in range(d) for j in range(d) if G[i, j] and (not G[j, i] or i < j)]
    return tests, edges


times = []
for _ in range(reps):
    t0 = time.perf_counter()
    tests, edges = pc(X)
    times.append(time.perf_counter() - t0)
print(json.dumps({'seconds': times, 'tests': tests, 'edges': edges}))
