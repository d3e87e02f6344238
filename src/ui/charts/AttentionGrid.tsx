// Attention maps as a layer × head grid of small heatmaps (canvas: one pixel block per query × key), plus the rollout.
import { useEffect, useRef } from 'react';
import { interpolateBlues } from 'd3';

export function AttentionMap({ data, len, size = 120, label }: { data: Float32Array; len: number; size?: number; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const cell = size / Math.max(1, len);
    ctx.clearRect(0, 0, size, size);
    let max = 1e-12;
    for (let i = 0; i < len * len; i++) max = Math.max(max, data[i]);
    for (let q = 0; q < len; q++)
      for (let k = 0; k < len; k++) {
        ctx.fillStyle = interpolateBlues(data[q * len + k] / max);
        ctx.fillRect(k * cell, q * cell, Math.ceil(cell), Math.ceil(cell));
      }
  }, [data, len, size]);
  return <canvas ref={ref} width={size} height={size} role="img" aria-label={label} className="attention-map" />;
}
