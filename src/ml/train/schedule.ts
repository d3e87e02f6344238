// Learning-rate schedule: linear warmup then linear decay to zero (HF get_linear_schedule_with_warmup).
export function linearWarmupDecay(step: number, totalSteps: number, warmupSteps: number): number {
  if (step < warmupSteps) return step / Math.max(1, warmupSteps);
  return Math.max(0, (totalSteps - step) / Math.max(1, totalSteps - warmupSteps));
}
