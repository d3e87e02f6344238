;; LayerNorm's gradient on TF.js's wasm heap (see fusedOps.ts, whose training LayerNorm drives it): for each row of x,
;; with x̂ = (x − mean)·s, s = 1/√(var + eps) recomputed from x as the forward kernel (simdKernels.ts) takes them, and
;; g = dy·w:
;;   dx = s·(g − mean(g) − x̂·mean(g·x̂)),   dw += dy·x̂,   db += dy.
;; Composed of TF.js kernels the forward pass and its gradient were about 30 kernels a LayerNorm (#23).
;;
;; Every pointer is a byte offset into the imported memory (the backend's own); rows are h floats, h a multiple of 4,
;; read as unaligned 4-float vectors (a tensor is only 4-byte aligned). dw and db are set, not added to.
(module
  (import "env" "memory" (memory 0))

  ;; The lanes' sum, in the forward kernel's order.
  (func $sum (param $v v128) (result f32)
    (f32.add
      (f32.add
        (f32.add (f32x4.extract_lane 0 (local.get $v)) (f32x4.extract_lane 1 (local.get $v)))
        (f32x4.extract_lane 2 (local.get $v)))
      (f32x4.extract_lane 3 (local.get $v))))

  (func (export "layerNormGrad") (param $x i32) (param $dy i32) (param $w i32) (param $dx i32) (param $dw i32)
    (param $db i32) (param $rows i32) (param $h i32) (param $eps f32)
    (local $r i32) (local $j i32) (local $bytes i32) (local $n f32)
    (local $acc v128) (local $acc2 v128) (local $m v128) (local $s v128) (local $v v128) (local $xh v128) (local $g v128)
    (local $dyv v128) (local $mg v128) (local $mgx v128)
    (local.set $bytes (i32.shl (local.get $h) (i32.const 2)))
    (local.set $n (f32.convert_i32_u (local.get $h)))
    ;; dw = db = 0
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $j) (local.get $bytes)))
      (v128.store align=4 (i32.add (local.get $dw) (local.get $j)) (v128.const f32x4 0 0 0 0))
      (v128.store align=4 (i32.add (local.get $db) (local.get $j)) (v128.const f32x4 0 0 0 0))
      (local.set $j (i32.add (local.get $j) (i32.const 16)))
      (br $next)))
    (block $rowsDone (loop $row
      (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows)))
      ;; mean, then the population variance around it: s = 1/√(max(var, 0) + eps)
      (local.set $acc (v128.const f32x4 0 0 0 0))
      (local.set $j (i32.const 0))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $j) (local.get $bytes)))
        (local.set $acc (f32x4.add (local.get $acc) (v128.load align=4 (i32.add (local.get $x) (local.get $j)))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $next)))
      (local.set $m (f32x4.splat (f32.div (call $sum (local.get $acc)) (local.get $n))))
      (local.set $acc (v128.const f32x4 0 0 0 0))
      (local.set $j (i32.const 0))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $j) (local.get $bytes)))
        (local.set $v (f32x4.sub (v128.load align=4 (i32.add (local.get $x) (local.get $j))) (local.get $m)))
        (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul (local.get $v) (local.get $v))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $next)))
      (local.set $s (f32x4.splat (f32.div (f32.const 1) (f32.sqrt (f32.add
        (f32.max (f32.div (call $sum (local.get $acc)) (local.get $n)) (f32.const 0))
        (local.get $eps))))))
      ;; Σ g and Σ g·x̂ over the row; dw += dy·x̂, db += dy
      (local.set $acc (v128.const f32x4 0 0 0 0))
      (local.set $acc2 (v128.const f32x4 0 0 0 0))
      (local.set $j (i32.const 0))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $j) (local.get $bytes)))
        (local.set $xh (f32x4.mul
          (f32x4.sub (v128.load align=4 (i32.add (local.get $x) (local.get $j))) (local.get $m))
          (local.get $s)))
        (local.set $dyv (v128.load align=4 (i32.add (local.get $dy) (local.get $j))))
        (local.set $g (f32x4.mul (local.get $dyv) (v128.load align=4 (i32.add (local.get $w) (local.get $j)))))
        (local.set $acc (f32x4.add (local.get $acc) (local.get $g)))
        (local.set $acc2 (f32x4.add (local.get $acc2) (f32x4.mul (local.get $g) (local.get $xh))))
        (v128.store align=4 (i32.add (local.get $dw) (local.get $j))
          (f32x4.add (v128.load align=4 (i32.add (local.get $dw) (local.get $j))) (f32x4.mul (local.get $dyv) (local.get $xh))))
        (v128.store align=4 (i32.add (local.get $db) (local.get $j))
          (f32x4.add (v128.load align=4 (i32.add (local.get $db) (local.get $j))) (local.get $dyv)))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $next)))
      (local.set $mg (f32x4.splat (f32.div (call $sum (local.get $acc)) (local.get $n))))
      (local.set $mgx (f32x4.splat (f32.div (call $sum (local.get $acc2)) (local.get $n))))
      ;; dx = s·(g − mean g − x̂·mean(g·x̂))
      (local.set $j (i32.const 0))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $j) (local.get $bytes)))
        (local.set $xh (f32x4.mul
          (f32x4.sub (v128.load align=4 (i32.add (local.get $x) (local.get $j))) (local.get $m))
          (local.get $s)))
        (local.set $g (f32x4.mul
          (v128.load align=4 (i32.add (local.get $dy) (local.get $j)))
          (v128.load align=4 (i32.add (local.get $w) (local.get $j)))))
        (v128.store align=4 (i32.add (local.get $dx) (local.get $j))
          (f32x4.mul (local.get $s)
            (f32x4.sub (f32x4.sub (local.get $g) (local.get $mg)) (f32x4.mul (local.get $xh) (local.get $mgx)))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $next)))
      (local.set $x (i32.add (local.get $x) (local.get $bytes)))
      (local.set $dy (i32.add (local.get $dy) (local.get $bytes)))
      (local.set $dx (i32.add (local.get $dx) (local.get $bytes)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $row)))
  )
)
