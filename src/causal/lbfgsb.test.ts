import { describe, expect, it } from 'vitest';
import { minimizeBox, type Objective } from './lbfgsb';

const rosenbrock: Objective = (x, g) => {
  const [a, b] = [x[0], x[1]];
  g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
  g[1] = 200 * (b - a * a);
  return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
};

describe('minimizeBox (projected L-BFGS)', () => {
  it('solves an unconstrained quadratic: ½xᵀAx − bᵀx has its minimum at A⁻¹b', async () => {
    // A = [[4, 1], [1, 3]], b = [1, 2]: A⁻¹b = [1/11, 7/11], f* = −½·bᵀA⁻¹b = −15/22.
    const r = await minimizeBox(
      (x, g) => {
        g[0] = 4 * x[0] + x[1] - 1;
        g[1] = x[0] + 3 * x[1] - 2;
        return 0.5 * (4 * x[0] ** 2 + 2 * x[0] * x[1] + 3 * x[1] ** 2) - x[0] - 2 * x[1];
      },
      [5, -7],
      { pgtol: 1e-10, ftol: 0 },
    );
    expect(r.x[0]).toBeCloseTo(1 / 11, 8);
    expect(r.x[1]).toBeCloseTo(7 / 11, 8);
    expect(r.f).toBeCloseTo(-15 / 22, 12);
    expect(r.iterations).toBeLessThan(20);
  });

  it('stops at the bound of a quadratic whose free minimum is infeasible', async () => {
    // (x − 3)² + (y + 2)² with x, y ≥ 0 → (3, 0), f = 4; y's gradient still points outward there.
    const r = await minimizeBox(
      (x, g) => {
        g[0] = 2 * (x[0] - 3);
        g[1] = 2 * (x[1] + 2);
        return (x[0] - 3) ** 2 + (x[1] + 2) ** 2;
      },
      [1, 1],
      { lower: new Float64Array([0, 0]), pgtol: 1e-9 },
    );
    expect(r.x[0]).toBeCloseTo(3, 7);
    expect(r.x[1]).toBe(0);
    expect(r.f).toBeCloseTo(4, 10);
  });

  it('keeps a variable with equal bounds fixed', async () => {
    const r = await minimizeBox(
      (x, g) => {
        g[0] = 2 * (x[0] - 1);
        g[1] = 2 * (x[1] - 1);
        return (x[0] - 1) ** 2 + (x[1] - 1) ** 2;
      },
      [0, 0],
      { lower: new Float64Array([0, -Infinity]), upper: new Float64Array([0, Infinity]) },
    );
    expect(r.x[0]).toBe(0);
    expect(r.x[1]).toBeCloseTo(1, 6);
  });

  it('finds the Rosenbrock minimum (1, 1) from (−1.2, 1)', async () => {
    const r = await minimizeBox(rosenbrock, [-1.2, 1], { pgtol: 1e-8, ftol: 0 });
    expect(r.x[0]).toBeCloseTo(1, 5);
    expect(r.x[1]).toBeCloseTo(1, 5);
    expect(r.iterations).toBeLessThan(100);
  });

  it('finds the bounded Rosenbrock minimum: with x ≤ 0.5 it is (0.5, 0.25), f = 0.25', async () => {
    const r = await minimizeBox(rosenbrock, [-1.2, 1], { upper: new Float64Array([0.5, Infinity]), pgtol: 1e-8, ftol: 0 });
    expect(r.x[0]).toBe(0.5);
    expect(r.x[1]).toBeCloseTo(0.25, 6);
    expect(r.f).toBeCloseTo(0.25, 8);
  });

  it('lets onIteration abort', async () => {
    await expect(
      minimizeBox(rosenbrock, [-1.2, 1], {
        onIteration: (k) => {
          if (k === 3) throw new Error('stop');
        },
      }),
    ).rejects.toThrow('stop');
  });

  it('takes an async objective (a GPU evaluation awaiting its read-back)', async () => {
    const r = await minimizeBox(async (x, g) => rosenbrock(x, g), [-1.2, 1], { pgtol: 1e-8, ftol: 0 });
    expect(r.x[0]).toBeCloseTo(1, 5);
  });
});
