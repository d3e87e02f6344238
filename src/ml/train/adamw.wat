;; One AdamW update over a run of parameters on TF.js's wasm heap (see adamwKernel.ts, which drives it, one call per
;; variable). Composed of TF.js kernels the same update was about a dozen passes over the whole flat buffer (Mul, Add,
;; Square, Div, Sqrt, a concat of the weights and a gather back into each variable): on a catalog of 54,542 items
;; (Beauty, 3.5M parameters in the item table) that was half of BERT4Rec's training time (#23).
;;
;; Each element goes through the composed path's float32 operations in the same order, so the results are the same
;; bit for bit:
;;   m' = m·β1 + g·(1 − β1)           s' = s·β2 + (g·g)·(1 − β2)
;;   u  = (m' / c1) / (√(s' / c2) + ε) [+ w·decay]       w' = w − u·lr
;; with c1 = 1 − β1^t and c2 = 1 − β2^t. Pointers are byte offsets into the imported memory (the backend's own); floats
;; are read as unaligned 4-float vectors, and the last n mod 4 one at a time by the same formulas.
;;
;; The pass is bound by memory traffic (3.6M parameters on Beauty: 14 MB per buffer), so it reads and writes as few
;; buffers as it can: the moments are updated where they are (each element read before it is written, at the same
;; place), which spares the fresh buffers' write-allocate reads; and the decay is one number per variable, not a
;; buffer. On 3.6M floats that took the pass from 6.3–7.0 ms to 4.4 ms. The weights still go to a new buffer: a
;; weight's memory may back an operator XNNPACK has packed and cached under the tensor's id.
(module
  (import "env" "memory" (memory 0))

  ;; g, w [n] in; m, s [n] in and out (in place); wOut [n] out. With $decays set, w·decay is added to the update (also
  ;; where decay is 0, as the composed path adds w·0).
  (func (export "adamw") (param $g i32) (param $m i32) (param $s i32) (param $w i32) (param $wOut i32) (param $n i32)
    (param $decays i32) (param $decay f32)
    (param $beta1 f32) (param $oneMinusBeta1 f32) (param $beta2 f32) (param $oneMinusBeta2 f32)
    (param $c1 f32) (param $c2 f32) (param $eps f32) (param $lr f32)
    (local $i i32) (local $at i32) (local $whole i32) (local $gv v128) (local $mv v128) (local $sv v128) (local $u v128)
    (local $b1 v128) (local $nb1 v128) (local $b2 v128) (local $nb2 v128) (local $c1v v128) (local $c2v v128)
    (local $epsv v128) (local $lrv v128) (local $decayv v128) (local $gf f32) (local $mf f32) (local $sf f32) (local $uf f32)
    (local.set $whole (i32.and (local.get $n) (i32.const -4)))
    (local.set $b1 (f32x4.splat (local.get $beta1)))
    (local.set $nb1 (f32x4.splat (local.get $oneMinusBeta1)))
    (local.set $b2 (f32x4.splat (local.get $beta2)))
    (local.set $nb2 (f32x4.splat (local.get $oneMinusBeta2)))
    (local.set $c1v (f32x4.splat (local.get $c1)))
    (local.set $c2v (f32x4.splat (local.get $c2)))
    (local.set $epsv (f32x4.splat (local.get $eps)))
    (local.set $lrv (f32x4.splat (local.get $lr)))
    (local.set $decayv (f32x4.splat (local.get $decay)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $whole)))
      (local.set $at (i32.shl (local.get $i) (i32.const 2)))
      (local.set $gv (v128.load align=4 (i32.add (local.get $g) (local.get $at))))
      (local.set $mv (f32x4.add (f32x4.mul (v128.load align=4 (i32.add (local.get $m) (local.get $at))) (local.get $b1))
        (f32x4.mul (local.get $gv) (local.get $nb1))))
      (local.set $sv (f32x4.add (f32x4.mul (v128.load align=4 (i32.add (local.get $s) (local.get $at))) (local.get $b2))
        (f32x4.mul (f32x4.mul (local.get $gv) (local.get $gv)) (local.get $nb2))))
      (local.set $u (f32x4.div (f32x4.div (local.get $mv) (local.get $c1v))
        (f32x4.add (f32x4.sqrt (f32x4.div (local.get $sv) (local.get $c2v))) (local.get $epsv))))
      (if (local.get $decays) (then
        (local.set $u (f32x4.add (local.get $u) (f32x4.mul (v128.load align=4 (i32.add (local.get $w) (local.get $at)))
          (local.get $decayv))))))
      (v128.store align=4 (i32.add (local.get $m) (local.get $at)) (local.get $mv))
      (v128.store align=4 (i32.add (local.get $s) (local.get $at)) (local.get $sv))
      (v128.store align=4 (i32.add (local.get $wOut) (local.get $at))
        (f32x4.sub (v128.load align=4 (i32.add (local.get $w) (local.get $at))) (f32x4.mul (local.get $u) (local.get $lrv))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $next)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $at (i32.shl (local.get $i) (i32.const 2)))
      (local.set $gf (f32.load (i32.add (local.get $g) (local.get $at))))
      (local.set $mf (f32.add (f32.mul (f32.load (i32.add (local.get $m) (local.get $at))) (local.get $beta1))
        (f32.mul (local.get $gf) (local.get $oneMinusBeta1))))
      (local.set $sf (f32.add (f32.mul (f32.load (i32.add (local.get $s) (local.get $at))) (local.get $beta2))
        (f32.mul (f32.mul (local.get $gf) (local.get $gf)) (local.get $oneMinusBeta2))))
      (local.set $uf (f32.div (f32.div (local.get $mf) (local.get $c1))
        (f32.add (f32.sqrt (f32.div (local.get $sf) (local.get $c2))) (local.get $eps))))
      (if (local.get $decays) (then
        (local.set $uf (f32.add (local.get $uf) (f32.mul (f32.load (i32.add (local.get $w) (local.get $at)))
          (local.get $decay))))))
      (f32.store (i32.add (local.get $m) (local.get $at)) (local.get $mf))
      (f32.store (i32.add (local.get $s) (local.get $at)) (local.get $sf))
      (f32.store (i32.add (local.get $wOut) (local.get $at))
        (f32.sub (f32.load (i32.add (local.get $w) (local.get $at))) (f32.mul (local.get $uf) (local.get $lr))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  )
)
