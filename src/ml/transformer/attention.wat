;; Multi-head attention at inference as one pass over TF.js's wasm heap (see attention.ts, which drives it):
;; context = softmax(Q·Kᵀ / √d + mask)·V for every sequence and head, read from and written to the [batch, len, hidden]
;; layout the linears produce. Composed of TF.js kernels the same work was three head-split transposes, a transpose of
;; K, two batched products, a Div, an Add, a Softmax and a transpose back (#23).
;;
;; In training (#23) the same pass also stores the probabilities, before dropout, for the backward pass, and drops
;; them by dropout.ts's rule with the flat index of [batch, heads, len, len] (the composed path's tf.dropout on the
;; probabilities keeps the same elements). attendBackward then takes the gradients of Q, K and V per head from the
;; context's, in the same layout: no head-split transposes either way.
;;
;; Every pointer is a byte offset into the imported memory (the backend's own); a function writes only into its
;; outputs and its scratch. Sums over d and over keys are taken in order, as the composed products take them.
(module
  (import "env" "memory" (memory 0))

  ;; include dropoutHash.wati

  ;; In place, s[j] ·= (kept(base + j) ? scale : 0) for j < len: dropout.wat's rule (there, with the element's flat
  ;; index for i).
  (func $dropRow (param $s i32) (param $len i32) (param $base i32) (param $threshold i32) (param $scale f32) (param $k1 i32)
    (param $k2 i32)
    (local $j i32) (local $whole i32) (local $at i32) (local $counter v128) (local $keep v128) (local $k2s v128)
    (local $limit v128) (local $scales v128)
    (local.set $whole (i32.and (local.get $len) (i32.const -4)))
    (local.set $counter (i32x4.add (v128.const i32x4 0 1 2 3) (i32x4.splat (i32.add (local.get $base) (local.get $k1)))))
    (local.set $k2s (i32x4.splat (local.get $k2)))
    (local.set $limit (i32x4.splat (local.get $threshold)))
    (local.set $scales (f32x4.splat (local.get $scale)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $j) (local.get $whole)))
      (local.set $keep (i32x4.lt_s
        (i32x4.shr_u (call $mix4 (v128.xor (call $mix4 (local.get $counter)) (local.get $k2s))) (i32.const 8))
        (local.get $limit)))
      (local.set $at (i32.add (local.get $s) (i32.shl (local.get $j) (i32.const 2))))
      (v128.store align=4 (local.get $at)
        (f32x4.mul (v128.load align=4 (local.get $at)) (v128.and (local.get $keep) (local.get $scales))))
      (local.set $counter (i32x4.add (local.get $counter) (v128.const i32x4 4 4 4 4)))
      (local.set $j (i32.add (local.get $j) (i32.const 4)))
      (br $next)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $j) (local.get $len)))
      (local.set $at (i32.add (local.get $s) (i32.shl (local.get $j) (i32.const 2))))
      (f32.store (local.get $at)
        (f32.mul (f32.load (local.get $at))
          (select (local.get $scale) (f32.const 0)
            (i32.lt_s
              (i32.shr_u
                (call $mix (i32.xor (call $mix (i32.add (i32.add (local.get $base) (local.get $j)) (local.get $k1))) (local.get $k2)))
                (i32.const 8))
              (local.get $threshold)))))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $next)))
  )

  ;; C[r, j … j + 7] = Σ_t A_r[t]·B[t, j … j + 7] for the 4 rows r whose A and C rows start at a0 … a3 and c0 … c3, over
  ;; t < k and columns j < n in steps of 8 (n a multiple of 8); B's rows are ldb bytes apart. 8 accumulators a tile:
  ;; each B vector loaded once serves all 4 rows.
  (func $rowBlock (param $a0 i32) (param $a1 i32) (param $a2 i32) (param $a3 i32) (param $b i32) (param $ldb i32)
    (param $c0 i32) (param $c1 i32) (param $c2 i32) (param $c3 i32) (param $k i32) (param $n i32)
    (local $j i32) (local $t i32) (local $bp i32) (local $x v128) (local $b0 v128) (local $b1 v128)
    (local $s00 v128) (local $s01 v128) (local $s10 v128) (local $s11 v128) (local $s20 v128) (local $s21 v128)
    (local $s30 v128) (local $s31 v128)
    (block $colsDone (loop $cols
      (br_if $colsDone (i32.ge_u (local.get $j) (local.get $n)))
      (local.set $s00 (v128.const f32x4 0 0 0 0))
      (local.set $s01 (v128.const f32x4 0 0 0 0))
      (local.set $s10 (v128.const f32x4 0 0 0 0))
      (local.set $s11 (v128.const f32x4 0 0 0 0))
      (local.set $s20 (v128.const f32x4 0 0 0 0))
      (local.set $s21 (v128.const f32x4 0 0 0 0))
      (local.set $s30 (v128.const f32x4 0 0 0 0))
      (local.set $s31 (v128.const f32x4 0 0 0 0))
      (local.set $bp (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
      (local.set $t (i32.const 0))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $t) (local.get $k)))
        (local.set $b0 (v128.load align=4 (local.get $bp)))
        (local.set $b1 (v128.load offset=16 align=4 (local.get $bp)))
        (local.set $x (v128.load32_splat (i32.add (local.get $a0) (i32.shl (local.get $t) (i32.const 2)))))
        (local.set $s00 (f32x4.add (local.get $s00) (f32x4.mul (local.get $x) (local.get $b0))))
        (local.set $s01 (f32x4.add (local.get $s01) (f32x4.mul (local.get $x) (local.get $b1))))
        (local.set $x (v128.load32_splat (i32.add (local.get $a1) (i32.shl (local.get $t) (i32.const 2)))))
        (local.set $s10 (f32x4.add (local.get $s10) (f32x4.mul (local.get $x) (local.get $b0))))
        (local.set $s11 (f32x4.add (local.get $s11) (f32x4.mul (local.get $x) (local.get $b1))))
        (local.set $x (v128.load32_splat (i32.add (local.get $a2) (i32.shl (local.get $t) (i32.const 2)))))
        (local.set $s20 (f32x4.add (local.get $s20) (f32x4.mul (local.get $x) (local.get $b0))))
        (local.set $s21 (f32x4.add (local.get $s21) (f32x4.mul (local.get $x) (local.get $b1))))
        (local.set $x (v128.load32_splat (i32.add (local.get $a3) (i32.shl (local.get $t) (i32.const 2)))))
        (local.set $s30 (f32x4.add (local.get $s30) (f32x4.mul (local.get $x) (local.get $b0))))
        (local.set $s31 (f32x4.add (local.get $s31) (f32x4.mul (local.get $x) (local.get $b1))))
        (local.set $bp (i32.add (local.get $bp) (local.get $ldb)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $next)))
      (local.set $bp (i32.shl (local.get $j) (i32.const 2)))
      (v128.store align=4 (i32.add (local.get $c0) (local.get $bp)) (local.get $s00))
      (v128.store offset=16 align=4 (i32.add (local.get $c0) (local.get $bp)) (local.get $s01))
      (v128.store align=4 (i32.add (local.get $c1) (local.get $bp)) (local.get $s10))
      (v128.store offset=16 align=4 (i32.add (local.get $c1) (local.get $bp)) (local.get $s11))
      (v128.store align=4 (i32.add (local.get $c2) (local.get $bp)) (local.get $s20))
      (v128.store offset=16 align=4 (i32.add (local.get $c2) (local.get $bp)) (local.get $s21))
      (v128.store align=4 (i32.add (local.get $c3) (local.get $bp)) (local.get $s30))
      (v128.store offset=16 align=4 (i32.add (local.get $c3) (local.get $bp)) (local.get $s31))
      (local.set $j (i32.add (local.get $j) (i32.const 8)))
      (br $cols)))
  )

  ;; dst [d, w] = one head's rows of src transposed: dst[t, j] = src[j·rowBytes/4 + t] for j < len, t < d (the columns
  ;; past len are not written).
  (func $headTransposed (param $src i32) (param $dst i32) (param $len i32) (param $d i32) (param $rowBytes i32) (param $w i32)
    (local $j i32) (local $t i32) (local $row i32)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $j) (local.get $len)))
      (local.set $row (i32.add (local.get $src) (i32.mul (local.get $j) (local.get $rowBytes))))
      (local.set $t (i32.const 0))
      (block $tDone (loop $tNext
        (br_if $tDone (i32.ge_u (local.get $t) (local.get $d)))
        (f32.store
          (i32.add (local.get $dst) (i32.shl (i32.add (i32.mul (local.get $t) (local.get $w)) (local.get $j)) (i32.const 2)))
          (f32.load (i32.add (local.get $row) (i32.shl (local.get $t) (i32.const 2)))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $tNext)))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $next)))
  )

  ;; The softmax's gradient for one row, from g = the gradient of the dropped probabilities (len floats, from w
  ;; computed) and p = the probabilities before dropout: with m[j] the mask's factor (1 when threshold ≥ 2^24),
  ;; pd[j] = p[j]·m[j] (what the context was made from), dp[j] = g[j]·m[j], and then in place
  ;; g[j] = p[j]·(dp[j] − Σ_j' dp[j']·p[j']) / root, the scores' gradient (the composed Softmax and Div's).
  (func $softmaxGradRow (param $g i32) (param $pd i32) (param $p i32) (param $len i32) (param $base i32) (param $root f32)
    (param $threshold i32) (param $scale f32) (param $k1 i32) (param $k2 i32)
    (local $j i32) (local $whole i32) (local $at i32) (local $m v128) (local $pv v128) (local $dp v128) (local $dots v128)
    (local $counter v128) (local $k2s v128) (local $limit v128) (local $scales v128) (local $dropping i32)
    (local $mf f32) (local $pf f32) (local $dpf f32) (local $dot f32) (local $dotv v128) (local $rootv v128)
    (local.set $whole (i32.and (local.get $len) (i32.const -4)))
    (local.set $dropping (i32.lt_u (local.get $threshold) (i32.const 0x1000000)))
    (local.set $counter (i32x4.add (v128.const i32x4 0 1 2 3) (i32x4.splat (i32.add (local.get $base) (local.get $k1)))))
    (local.set $k2s (i32x4.splat (local.get $k2)))
    (local.set $limit (i32x4.splat (local.get $threshold)))
    (local.set $scales (f32x4.splat (local.get $scale)))
    (local.set $m (v128.const f32x4 1 1 1 1))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $j) (local.get $whole)))
      (if (local.get $dropping) (then
        (local.set $m (v128.and (local.get $scales) (i32x4.lt_s
          (i32x4.shr_u (call $mix4 (v128.xor (call $mix4 (local.get $counter)) (local.get $k2s))) (i32.const 8))
          (local.get $limit))))
        (local.set $counter (i32x4.add (local.get $counter) (v128.const i32x4 4 4 4 4)))))
      (local.set $at (i32.shl (local.get $j) (i32.const 2)))
      (local.set $pv (v128.load align=4 (i32.add (local.get $p) (local.get $at))))
      (local.set $dp (f32x4.mul (v128.load align=4 (i32.add (local.get $g) (local.get $at))) (local.get $m)))
      (v128.store align=4 (i32.add (local.get $pd) (local.get $at)) (f32x4.mul (local.get $pv) (local.get $m)))
      (v128.store align=4 (i32.add (local.get $g) (local.get $at)) (local.get $dp))
      (local.set $dots (f32x4.add (local.get $dots) (f32x4.mul (local.get $dp) (local.get $pv))))
      (local.set $j (i32.add (local.get $j) (i32.const 4)))
      (br $next)))
    (local.set $dot (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $dots)) (f32x4.extract_lane 1 (local.get $dots)))
      (f32.add (f32x4.extract_lane 2 (local.get $dots)) (f32x4.extract_lane 3 (local.get $dots)))))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $j) (local.get $len)))
      (local.set $mf (f32.const 1))
      (if (local.get $dropping) (then
        (local.set $mf (select (local.get $scale) (f32.const 0)
          (i32.lt_s
            (i32.shr_u
              (call $mix (i32.xor (call $mix (i32.add (i32.add (local.get $base) (local.get $j)) (local.get $k1))) (local.get $k2)))
              (i32.const 8))
            (local.get $threshold))))))
      (local.set $at (i32.shl (local.get $j) (i32.const 2)))
      (local.set $pf (f32.load (i32.add (local.get $p) (local.get $at))))
      (local.set $dpf (f32.mul (f32.load (i32.add (local.get $g) (local.get $at))) (local.get $mf)))
      (f32.store (i32.add (local.get $pd) (local.get $at)) (f32.mul (local.get $pf) (local.get $mf)))
      (f32.store (i32.add (local.get $g) (local.get $at)) (local.get $dpf))
      (local.set $dot (f32.add (local.get $dot) (f32.mul (local.get $dpf) (local.get $pf))))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $next)))
    (local.set $dotv (f32x4.splat (local.get $dot)))
    (local.set $rootv (f32x4.splat (local.get $root)))
    (local.set $j (i32.const 0))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $j) (local.get $whole)))
      (local.set $at (i32.shl (local.get $j) (i32.const 2)))
      (v128.store align=4 (i32.add (local.get $g) (local.get $at))
        (f32x4.div
          (f32x4.mul (v128.load align=4 (i32.add (local.get $p) (local.get $at)))
            (f32x4.sub (v128.load align=4 (i32.add (local.get $g) (local.get $at))) (local.get $dotv)))
          (local.get $rootv)))
      (local.set $j (i32.add (local.get $j) (i32.const 4)))
      (br $next)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $j) (local.get $len)))
      (local.set $at (i32.shl (local.get $j) (i32.const 2)))
      (f32.store (i32.add (local.get $g) (local.get $at))
        (f32.div
          (f32.mul (f32.load (i32.add (local.get $p) (local.get $at)))
            (f32.sub (f32.load (i32.add (local.get $g) (local.get $at))) (local.get $dot)))
          (local.get $root)))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $next)))
  )

;; The keys a query row's gradient reaches: (first j with p[j] ≠ 0) · 65536 + (1 + the last), for p its probabilities
  ;; and dc its context's gradient (d floats); −1 when dc is all zeros, as a padding position's is in every layer (the
  ;; loss reads no padding position, and the real ones give padding keys probability 0), for then the row adds
  ;; nothing to any gradient and its dQ is 0. Under a causal mask the keys end at the row's own position, and after
  ;; left padding they start at the first real one: the backward pass skips the rest. len < 65536.
  (func $rowSpan (param $p i32) (param $dc i32) (param $d i32) (param $len i32) (result i32)
    (local $t i32) (local $end i32) (local $bits v128) (local $first i32) (local $last i32)
    (local.set $end (i32.shl (local.get $d) (i32.const 2)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $t) (local.get $end)))
      (local.set $bits (v128.or (local.get $bits) (v128.and (v128.load align=4 (i32.add (local.get $dc) (local.get $t)))
        (v128.const i32x4 0x7fffffff 0x7fffffff 0x7fffffff 0x7fffffff))))
      (local.set $t (i32.add (local.get $t) (i32.const 16)))
      (br $next)))
    (if (i32.eqz (v128.any_true (local.get $bits))) (then (return (i32.const -1))))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $first) (local.get $len)))
      (br_if $done (f32.ne (f32.load (i32.add (local.get $p) (i32.shl (local.get $first) (i32.const 2)))) (f32.const 0)))
      (local.set $first (i32.add (local.get $first) (i32.const 1)))
      (br $next)))
    (local.set $last (local.get $len))
    (block $done (loop $next
      (br_if $done (i32.le_u (local.get $last) (local.get $first)))
      (br_if $done (f32.ne (f32.load (i32.add (local.get $p) (i32.shl (i32.sub (local.get $last) (i32.const 1)) (i32.const 2))))
        (f32.const 0)))
      (local.set $last (i32.sub (local.get $last) (i32.const 1)))
      (br $next)))
    (i32.or (i32.shl (local.get $first) (i32.const 16)) (local.get $last))
  )

  ;; out[j, ·] += Σ_r c_r[j]·x_r[·] for j < len over d floats (a multiple of 4): out's rows rowBytes apart, c0 … c3
  ;; rows of coefficients, x0 … x3 rows of d floats. The gradients of V and K, 4 query rows at a time.
  (func $addOuter4 (param $c0 i32) (param $c1 i32) (param $c2 i32) (param $c3 i32) (param $x0 i32) (param $x1 i32)
    (param $x2 i32) (param $x3 i32) (param $out i32) (param $rowBytes i32) (param $len i32) (param $d i32)
    (local $j i32) (local $t i32) (local $o i32) (local $end i32) (local $s0 v128) (local $s1 v128) (local $s2 v128)
    (local $s3 v128) (local $sum v128)
    (local.set $end (i32.shl (local.get $d) (i32.const 2)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $j) (local.get $len)))
      (local.set $s0 (v128.load32_splat (i32.add (local.get $c0) (i32.shl (local.get $j) (i32.const 2)))))
      (local.set $s1 (v128.load32_splat (i32.add (local.get $c1) (i32.shl (local.get $j) (i32.const 2)))))
      (local.set $s2 (v128.load32_splat (i32.add (local.get $c2) (i32.shl (local.get $j) (i32.const 2)))))
      (local.set $s3 (v128.load32_splat (i32.add (local.get $c3) (i32.shl (local.get $j) (i32.const 2)))))
      (local.set $o (i32.add (local.get $out) (i32.mul (local.get $j) (local.get $rowBytes))))
      (local.set $t (i32.const 0))
      (block $tDone (loop $tNext
        (br_if $tDone (i32.ge_u (local.get $t) (local.get $end)))
        (local.set $sum (v128.load align=4 (i32.add (local.get $o) (local.get $t))))
        (local.set $sum (f32x4.add (local.get $sum) (f32x4.mul (local.get $s0) (v128.load align=4 (i32.add (local.get $x0) (local.get $t))))))
        (local.set $sum (f32x4.add (local.get $sum) (f32x4.mul (local.get $s1) (v128.load align=4 (i32.add (local.get $x1) (local.get $t))))))
        (local.set $sum (f32x4.add (local.get $sum) (f32x4.mul (local.get $s2) (v128.load align=4 (i32.add (local.get $x2) (local.get $t))))))
        (local.set $sum (f32x4.add (local.get $sum) (f32x4.mul (local.get $s3) (v128.load align=4 (i32.add (local.get $x3) (local.get $t))))))
        (v128.store align=4 (i32.add (local.get $o) (local.get $t)) (local.get $sum))
        (local.set $t (i32.add (local.get $t) (i32.const 16)))
        (br $tNext)))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $next)))
  )

  ;; One row of scores s (width w floats, a multiple of 8, of which the first len are keys) into probabilities, in
  ;; place: x = s / root + mask (mask: len floats), −∞ past len; p = e^(x − max x) / Σ e^(…), the sum's reciprocal
  ;; multiplied in as XNNPACK's softmax does. e^t as Cephes' expf, as softmaxLoss.wat takes it (see there), with t
  ;; floored at −87, where e^t is below float32's normal range. A term below e^−70 (4e−31 of the maximum's) is 0: once
  ;; divided by the sum it could be subnormal, and products with subnormal operands run some hundred times slower on
  ;; x86. A causal mask's −1e9 left half of SASRec's probabilities subnormal, and attention ran at 1 GFLOP/s (23 ms
  ;; a layer on ml-100k's [32 × 2 heads, 50, 32]); tf.softmax gives those keys exactly 0 as well.
  (func $softmaxRow (param $s i32) (param $mask i32) (param $len i32) (param $w i32) (param $root v128)
    (local $j i32) (local $end i32) (local $whole i32) (local $mv v128) (local $m f32) (local $sv v128) (local $t v128)
    (local $n v128) (local $q v128) (local $e v128) (local $sum f32) (local $live v128)
    (local.set $whole (i32.and (local.get $len) (i32.const -4)))
    (local.set $end (i32.shl (local.get $w) (i32.const 2)))
    ;; x, four keys at a time, then the keys left one by one, then −∞ to the row's padded width
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $j) (local.get $whole)))
      (v128.store align=4 (i32.add (local.get $s) (i32.shl (local.get $j) (i32.const 2)))
        (f32x4.add
          (f32x4.div (v128.load align=4 (i32.add (local.get $s) (i32.shl (local.get $j) (i32.const 2)))) (local.get $root))
          (v128.load align=4 (i32.add (local.get $mask) (i32.shl (local.get $j) (i32.const 2))))))
      (local.set $j (i32.add (local.get $j) (i32.const 4)))
      (br $next)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $j) (local.get $len)))
      (f32.store (i32.add (local.get $s) (i32.shl (local.get $j) (i32.const 2)))
        (f32.add
          (f32.div (f32.load (i32.add (local.get $s) (i32.shl (local.get $j) (i32.const 2)))) (f32x4.extract_lane 0 (local.get $root)))
          (f32.load (i32.add (local.get $mask) (i32.shl (local.get $j) (i32.const 2))))))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $next)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $j) (local.get $w)))
      (f32.store (i32.add (local.get $s) (i32.shl (local.get $j) (i32.const 2))) (f32.const -inf))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $next)))
    ;; the row's maximum
    (local.set $mv (v128.const f32x4 -inf -inf -inf -inf))
    (local.set $j (i32.const 0))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $j) (local.get $end)))
      (local.set $mv (f32x4.pmax (local.get $mv) (v128.load align=4 (i32.add (local.get $s) (local.get $j)))))
      (local.set $j (i32.add (local.get $j) (i32.const 16)))
      (br $next)))
    (local.set $m (f32.max
      (f32.max (f32x4.extract_lane 0 (local.get $mv)) (f32x4.extract_lane 1 (local.get $mv)))
      (f32.max (f32x4.extract_lane 2 (local.get $mv)) (f32x4.extract_lane 3 (local.get $mv)))))
    (local.set $mv (f32x4.splat (local.get $m)))
    ;; e^(x − m) in place, and its sum (the padded lanes and the masked keys add 0; the sum is at least 1, the
    ;; maximum's own term)
    (local.set $sv (v128.const f32x4 0 0 0 0))
    (local.set $j (i32.const 0))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $j) (local.get $end)))
      (local.set $t (f32x4.sub (v128.load align=4 (i32.add (local.get $s) (local.get $j))) (local.get $mv)))
      (local.set $live (f32x4.gt (local.get $t) (v128.const f32x4 -70 -70 -70 -70)))
      (local.set $t (f32x4.pmax (local.get $t) (v128.const f32x4 -87 -87 -87 -87)))
      (local.set $n (f32x4.add (f32x4.mul (local.get $t) (v128.const f32x4 1.44269504 1.44269504 1.44269504 1.44269504))
        (v128.const f32x4 12583039 12583039 12583039 12583039)))
      (local.set $e (i32x4.shl (local.get $n) (i32.const 23)))
      (local.set $n (f32x4.sub (local.get $n) (v128.const f32x4 12583039 12583039 12583039 12583039)))
      (local.set $q (f32x4.sub
        (f32x4.sub (local.get $t) (f32x4.mul (local.get $n) (v128.const f32x4 0.693359375 0.693359375 0.693359375 0.693359375)))
        (f32x4.mul (local.get $n) (v128.const f32x4 -2.1219444e-4 -2.1219444e-4 -2.1219444e-4 -2.1219444e-4))))
      (local.set $t (v128.const f32x4 1.98756915e-4 1.98756915e-4 1.98756915e-4 1.98756915e-4))
      (local.set $t (f32x4.add (f32x4.mul (local.get $t) (local.get $q))
        (v128.const f32x4 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3)))
      (local.set $t (f32x4.add (f32x4.mul (local.get $t) (local.get $q))
        (v128.const f32x4 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3)))
      (local.set $t (f32x4.add (f32x4.mul (local.get $t) (local.get $q))
        (v128.const f32x4 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2)))
      (local.set $t (f32x4.add (f32x4.mul (local.get $t) (local.get $q))
        (v128.const f32x4 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1)))
      (local.set $t (f32x4.add (f32x4.mul (local.get $t) (local.get $q))
        (v128.const f32x4 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1)))
      (local.set $e (f32x4.mul (local.get $e) (f32x4.add
        (f32x4.add (f32x4.mul (local.get $t) (f32x4.mul (local.get $q) (local.get $q))) (local.get $q))
        (v128.const f32x4 1 1 1 1))))
      (local.set $e (v128.and (local.get $e) (local.get $live)))
      (v128.store align=4 (i32.add (local.get $s) (local.get $j)) (local.get $e))
      (local.set $sv (f32x4.add (local.get $sv) (local.get $e)))
      (local.set $j (i32.add (local.get $j) (i32.const 16)))
      (br $next)))
    (local.set $sum (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $sv)) (f32x4.extract_lane 1 (local.get $sv)))
      (f32.add (f32x4.extract_lane 2 (local.get $sv)) (f32x4.extract_lane 3 (local.get $sv)))))
    (local.set $sv (f32x4.splat (f32.div (f32.const 1) (local.get $sum))))
    (local.set $j (i32.const 0))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $j) (local.get $end)))
      (v128.store align=4 (i32.add (local.get $s) (local.get $j))
        (f32x4.mul (v128.load align=4 (i32.add (local.get $s) (local.get $j))) (local.get $sv)))
      (local.set $j (i32.add (local.get $j) (i32.const 16)))
      (br $next)))
  )

  ;; q, k, v, ctx: [batch, len, heads·d]; head h is columns h·d … h·d + d − 1 of every row. mask: additive, row i of
  ;; sequence b at mask + 4·(b·maskBatch + i·maskRow) (strides in floats, 0 to broadcast). d a multiple of 8. scratch:
  ;; (d + 4)·w + d floats, w = len rounded up to 8: Kᵀ of one head [d, w] (its columns past len are never written, and
  ;; their scores are set to −∞ before they are read), 4 rows of scores [4, w], and a row that
  ;; takes the context of a block's rows past len (the last block repeats row len − 1 to fill its 4). probs, unless 0:
;; [batch, heads, len, len], the probabilities before dropout. threshold, scale, k1, k2: dropout.ts's mask of the
;; probabilities (threshold 2^24 or more keeps them all).
  (func (export "attend") (param $q i32) (param $k i32) (param $v i32) (param $mask i32) (param $maskBatch i32)
    (param $maskRow i32) (param $ctx i32) (param $scratch i32) (param $batch i32) (param $heads i32) (param $len i32)
    (param $d i32) (param $root f32) (param $probs i32) (param $threshold i32) (param $scale f32) (param $k1 i32)
    (param $k2 i32)
    (local $base i32) (local $b i32) (local $h i32) (local $i i32) (local $r i32) (local $j i32) (local $t i32) (local $w i32)
    (local $row i32) (local $rowBytes i32) (local $seq i32) (local $kt i32) (local $scores i32) (local $spare i32)
    (local $headAt i32) (local $src i32) (local $rootv v128) (local $maskAt i32)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32) (local $c0 i32) (local $c1 i32) (local $c2 i32) (local $c3 i32)
    (local.set $w (i32.and (i32.add (local.get $len) (i32.const 7)) (i32.const -8)))
    (local.set $rowBytes (i32.shl (i32.mul (local.get $heads) (local.get $d)) (i32.const 2)))
    (local.set $kt (local.get $scratch))
    (local.set $scores (i32.add (local.get $kt) (i32.shl (i32.mul (local.get $d) (local.get $w)) (i32.const 2))))
    (local.set $spare (i32.add (local.get $scores) (i32.shl (local.get $w) (i32.const 4))))
    (local.set $rootv (f32x4.splat (local.get $root)))
    (block $seqsDone (loop $seqs
      (br_if $seqsDone (i32.ge_u (local.get $b) (local.get $batch)))
      (local.set $seq (i32.mul (i32.mul (local.get $b) (local.get $len)) (local.get $rowBytes)))
      (local.set $h (i32.const 0))
      (block $headsDone (loop $headLoop
        (br_if $headsDone (i32.ge_u (local.get $h) (local.get $heads)))
        (local.set $headAt (i32.add (local.get $seq) (i32.shl (i32.mul (local.get $h) (local.get $d)) (i32.const 2))))
        ;; Kᵀ[t, j] = K[b, j, h·d + t]
        (call $headTransposed (i32.add (local.get $k) (local.get $headAt)) (local.get $kt) (local.get $len) (local.get $d)
          (local.get $rowBytes) (local.get $w))
        ;; blocks of 4 query rows
        (local.set $i (i32.const 0))
        (block $rowsDone (loop $rows
          (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $len)))
          ;; the rows' Q and context pointers; a row past len reads row len − 1 and writes to the spare row
          (local.set $r (i32.const 0))
          (block $done (loop $next
            (br_if $done (i32.ge_u (local.get $r) (i32.const 4)))
            (local.set $row (i32.add (local.get $i) (local.get $r)))
            (local.set $src (i32.add (local.get $headAt) (i32.mul
              (select (local.get $row) (i32.sub (local.get $len) (i32.const 1)) (i32.lt_u (local.get $row) (local.get $len)))
              (local.get $rowBytes))))
            (local.set $j (select (i32.add (local.get $ctx) (local.get $src)) (local.get $spare)
              (i32.lt_u (local.get $row) (local.get $len))))
            (local.set $src (i32.add (local.get $q) (local.get $src)))
            (if (i32.eq (local.get $r) (i32.const 0)) (then (local.set $a0 (local.get $src)) (local.set $c0 (local.get $j))))
            (if (i32.eq (local.get $r) (i32.const 1)) (then (local.set $a1 (local.get $src)) (local.set $c1 (local.get $j))))
            (if (i32.eq (local.get $r) (i32.const 2)) (then (local.set $a2 (local.get $src)) (local.set $c2 (local.get $j))))
            (if (i32.eq (local.get $r) (i32.const 3)) (then (local.set $a3 (local.get $src)) (local.set $c3 (local.get $j))))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $next)))
          ;; scores of the 4 rows: Q rows · Kᵀ
          (call $rowBlock (local.get $a0) (local.get $a1) (local.get $a2) (local.get $a3) (local.get $kt)
            (i32.shl (local.get $w) (i32.const 2))
            (local.get $scores)
            (i32.add (local.get $scores) (i32.shl (local.get $w) (i32.const 2)))
            (i32.add (local.get $scores) (i32.shl (local.get $w) (i32.const 3)))
            (i32.add (local.get $scores) (i32.mul (local.get $w) (i32.const 12)))
            (local.get $d) (local.get $w))
          ;; each into probabilities, with its own row of the mask
          (local.set $r (i32.const 0))
          (block $done (loop $next
            (br_if $done (i32.ge_u (local.get $r) (i32.const 4)))
            (local.set $row (i32.add (local.get $i) (local.get $r)))
            (if (i32.ge_u (local.get $row) (local.get $len)) (then (local.set $row (i32.sub (local.get $len) (i32.const 1)))))
            (local.set $maskAt (i32.add (local.get $mask) (i32.shl
              (i32.add (i32.mul (local.get $b) (local.get $maskBatch)) (i32.mul (local.get $row) (local.get $maskRow)))
              (i32.const 2))))
            (local.set $src (i32.add (local.get $scores) (i32.shl (i32.mul (local.get $r) (local.get $w)) (i32.const 2))))
            (call $softmaxRow (local.get $src) (local.get $maskAt) (local.get $len) (local.get $w) (local.get $rootv))
            ;; a row of this block (not one past len): its probabilities kept, then dropped
            (if (i32.lt_u (i32.add (local.get $i) (local.get $r)) (local.get $len)) (then
              (local.set $base (i32.mul
                (i32.add (i32.mul (i32.add (i32.mul (local.get $b) (local.get $heads)) (local.get $h)) (local.get $len))
                  (i32.add (local.get $i) (local.get $r)))
                (local.get $len)))
              (if (local.get $probs) (then
                (memory.copy (i32.add (local.get $probs) (i32.shl (local.get $base) (i32.const 2))) (local.get $src)
                  (i32.shl (local.get $len) (i32.const 2)))))
              (if (i32.lt_u (local.get $threshold) (i32.const 0x1000000)) (then
                (call $dropRow (local.get $src) (local.get $len) (local.get $base) (local.get $threshold) (local.get $scale)
                  (local.get $k1) (local.get $k2))))))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $next)))
          ;; context of the 4 rows: probabilities · V (V's rows of this head, rowBytes apart), over the len keys
          (call $rowBlock
            (local.get $scores)
            (i32.add (local.get $scores) (i32.shl (local.get $w) (i32.const 2)))
            (i32.add (local.get $scores) (i32.shl (local.get $w) (i32.const 3)))
            (i32.add (local.get $scores) (i32.mul (local.get $w) (i32.const 12)))
            (i32.add (local.get $v) (local.get $headAt)) (local.get $rowBytes)
            (local.get $c0) (local.get $c1) (local.get $c2) (local.get $c3)
            (local.get $len) (local.get $d))
          (local.set $i (i32.add (local.get $i) (i32.const 4)))
          (br $rows)))
        (local.set $h (i32.add (local.get $h) (i32.const 1)))
        (br $headLoop)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $seqs)))
  )

  ;; The gradients of attend's q, k and v (dq, dk, dv: [batch, len, heads·d], written whole) from the context's (dctx,
  ;; same layout), with attend's probs before dropout and its mask's threshold, scale, k1, k2. Per sequence and head,
  ;; 4 query rows at a time: g = dC·Vᵀ (the dropped probabilities' gradient), then per row the softmax's gradient
  ;; ($softmaxGradRow), dV += pdᵀ·dC and dK += gᵀ·Q ($addOuter4), dQ = g·K, each over only the keys the block's rows
  ;; with a gradient reach ($rowSpan). The mask needs no gradient (a constant).
  ;; scratch: (d + 8)·w + d floats: Vᵀ [d, w], g [4, w], pd [4, w], and a row that takes dQ of a block's rows past len.
  (func (export "attendBackward") (param $q i32) (param $k i32) (param $v i32) (param $probs i32) (param $dctx i32)
    (param $dq i32) (param $dk i32) (param $dv i32) (param $scratch i32) (param $batch i32) (param $heads i32)
    (param $len i32) (param $d i32) (param $root f32) (param $threshold i32) (param $scale f32) (param $k1 i32)
    (param $k2 i32)
    (local $b i32) (local $h i32) (local $i i32) (local $r i32) (local $j i32) (local $t i32) (local $w i32)
    (local $row i32) (local $rowBytes i32) (local $headAt i32) (local $src i32) (local $base i32)
    (local $vt i32) (local $g i32) (local $pd i32) (local $spare i32) (local $gr i32) (local $pdr i32)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32) (local $x0 i32) (local $x1 i32) (local $x2 i32)
    (local $x3 i32) (local $c0 i32) (local $c1 i32) (local $c2 i32) (local $c3 i32) (local $live i32) (local $lo i32)
    (local $hi i32) (local $j0 i32) (local $span i32) (local $at i32)
    (local.set $w (i32.and (i32.add (local.get $len) (i32.const 7)) (i32.const -8)))
    (local.set $rowBytes (i32.shl (i32.mul (local.get $heads) (local.get $d)) (i32.const 2)))
    (local.set $vt (local.get $scratch))
    (local.set $g (i32.add (local.get $vt) (i32.shl (i32.mul (local.get $d) (local.get $w)) (i32.const 2))))
    (local.set $pd (i32.add (local.get $g) (i32.shl (local.get $w) (i32.const 4))))
    (local.set $spare (i32.add (local.get $pd) (i32.shl (local.get $w) (i32.const 4))))
    ;; dK and dV are sums over query rows: zero first (every row of every head)
    (memory.fill (local.get $dk) (i32.const 0) (i32.mul (i32.mul (local.get $batch) (local.get $len)) (local.get $rowBytes)))
    (memory.fill (local.get $dv) (i32.const 0) (i32.mul (i32.mul (local.get $batch) (local.get $len)) (local.get $rowBytes)))
    (block $seqsDone (loop $seqs
      (br_if $seqsDone (i32.ge_u (local.get $b) (local.get $batch)))
      (local.set $h (i32.const 0))
      (block $headsDone (loop $headLoop
        (br_if $headsDone (i32.ge_u (local.get $h) (local.get $heads)))
        (local.set $headAt (i32.add (i32.mul (i32.mul (local.get $b) (local.get $len)) (local.get $rowBytes))
          (i32.shl (i32.mul (local.get $h) (local.get $d)) (i32.const 2))))
        (call $headTransposed (i32.add (local.get $v) (local.get $headAt)) (local.get $vt) (local.get $len) (local.get $d)
          (local.get $rowBytes) (local.get $w))
        (local.set $i (i32.const 0))
        (block $rowsDone (loop $rows
          (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $len)))
          ;; the rows' dC, Q and dQ pointers; a row past len reads row len − 1 and writes dQ to the spare row
          (local.set $r (i32.const 0))
          (block $done (loop $next
            (br_if $done (i32.ge_u (local.get $r) (i32.const 4)))
            (local.set $row (i32.add (local.get $i) (local.get $r)))
            (local.set $src (i32.add (local.get $headAt) (i32.mul
              (select (local.get $row) (i32.sub (local.get $len) (i32.const 1)) (i32.lt_u (local.get $row) (local.get $len)))
              (local.get $rowBytes))))
            (local.set $j (select (i32.add (local.get $dq) (local.get $src)) (local.get $spare)
              (i32.lt_u (local.get $row) (local.get $len))))
            (local.set $t (i32.add (local.get $q) (local.get $src)))
            (local.set $src (i32.add (local.get $dctx) (local.get $src)))
            (if (i32.eq (local.get $r) (i32.const 0)) (then (local.set $a0 (local.get $src)) (local.set $x0 (local.get $t)) (local.set $c0 (local.get $j))))
            (if (i32.eq (local.get $r) (i32.const 1)) (then (local.set $a1 (local.get $src)) (local.set $x1 (local.get $t)) (local.set $c1 (local.get $j))))
            (if (i32.eq (local.get $r) (i32.const 2)) (then (local.set $a2 (local.get $src)) (local.set $x2 (local.get $t)) (local.set $c2 (local.get $j))))
            (if (i32.eq (local.get $r) (i32.const 3)) (then (local.set $a3 (local.get $src)) (local.set $x3 (local.get $t)) (local.set $c3 (local.get $j))))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $next)))
;; the rows that carry a gradient ($live, a bit each) and the keys they reach, [lo, hi)
          (local.set $live (i32.const 0))
          (local.set $lo (local.get $len))
          (local.set $hi (i32.const 0))
          (local.set $r (i32.const 0))
          (block $done (loop $next
            (br_if $done (i32.ge_u (local.get $r) (i32.const 4)))
            (local.set $row (i32.add (local.get $i) (local.get $r)))
            (if (i32.lt_u (local.get $row) (local.get $len)) (then
              (local.set $base (i32.mul
                (i32.add (i32.mul (i32.add (i32.mul (local.get $b) (local.get $heads)) (local.get $h)) (local.get $len))
                  (local.get $row))
                (local.get $len)))
              (local.set $t (call $rowSpan (i32.add (local.get $probs) (i32.shl (local.get $base) (i32.const 2)))
                (select (local.get $a0)
                  (select (local.get $a1) (select (local.get $a2) (local.get $a3) (i32.eq (local.get $r) (i32.const 2))) (i32.eq (local.get $r) (i32.const 1)))
                  (i32.eqz (local.get $r)))
                (local.get $d) (local.get $len)))
              (if (i32.ge_s (local.get $t) (i32.const 0)) (then
                (local.set $live (i32.or (local.get $live) (i32.shl (i32.const 1) (local.get $r))))
                (if (i32.lt_u (i32.shr_u (local.get $t) (i32.const 16)) (local.get $lo))
                  (then (local.set $lo (i32.shr_u (local.get $t) (i32.const 16)))))
                (if (i32.gt_u (i32.and (local.get $t) (i32.const 0xffff)) (local.get $hi))
                  (then (local.set $hi (i32.and (local.get $t) (i32.const 0xffff)))))))))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $next)))
          (if (i32.ge_u (local.get $lo) (local.get $hi)) (then (local.set $lo (i32.const 0)) (local.set $hi (i32.const 0))))
          ;; from j0 (lo rounded down to 8, where rowBlock's columns start): span keys
          (local.set $j0 (i32.and (local.get $lo) (i32.const -8)))
          (local.set $span (i32.sub (local.get $hi) (local.get $j0)))
          (local.set $at (i32.shl (local.get $j0) (i32.const 2)))
          ;; g of the 4 rows over those keys (to hi rounded up to 8): dC rows · Vᵀ
          (call $rowBlock (local.get $a0) (local.get $a1) (local.get $a2) (local.get $a3) (i32.add (local.get $vt) (local.get $at))
            (i32.shl (local.get $w) (i32.const 2))
            (i32.add (local.get $g) (local.get $at))
            (i32.add (i32.add (local.get $g) (i32.shl (local.get $w) (i32.const 2))) (local.get $at))
            (i32.add (i32.add (local.get $g) (i32.shl (local.get $w) (i32.const 3))) (local.get $at))
            (i32.add (i32.add (local.get $g) (i32.mul (local.get $w) (i32.const 12))) (local.get $at))
            (local.get $d) (i32.sub (i32.and (i32.add (local.get $hi) (i32.const 7)) (i32.const -8)) (local.get $j0)))
          ;; each live row's softmax gradient; the others contribute nothing
          (local.set $r (i32.const 0))
          (block $done (loop $next
            (br_if $done (i32.ge_u (local.get $r) (i32.const 4)))
            (local.set $gr (i32.add (local.get $g) (i32.shl (i32.mul (local.get $r) (local.get $w)) (i32.const 2))))
            (local.set $pdr (i32.add (local.get $pd) (i32.shl (i32.mul (local.get $r) (local.get $w)) (i32.const 2))))
            (if (i32.and (local.get $live) (i32.shl (i32.const 1) (local.get $r)))
              (then
                (local.set $base (i32.add (local.get $j0) (i32.mul
                  (i32.add (i32.mul (i32.add (i32.mul (local.get $b) (local.get $heads)) (local.get $h)) (local.get $len))
                    (i32.add (local.get $i) (local.get $r)))
                  (local.get $len))))
                (call $softmaxGradRow (i32.add (local.get $gr) (local.get $at)) (i32.add (local.get $pdr) (local.get $at))
                  (i32.add (local.get $probs) (i32.shl (local.get $base) (i32.const 2)))
                  (local.get $span) (local.get $base) (local.get $root) (local.get $threshold) (local.get $scale)
                  (local.get $k1) (local.get $k2)))
              (else
                (memory.fill (local.get $gr) (i32.const 0) (i32.shl (local.get $w) (i32.const 2)))
                (memory.fill (local.get $pdr) (i32.const 0) (i32.shl (local.get $w) (i32.const 2)))))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $next)))
          ;; dV += pdᵀ·dC and dK += gᵀ·Q over these 4 rows, keys j0 … hi − 1
          (local.set $t (i32.add (local.get $headAt) (i32.mul (local.get $j0) (local.get $rowBytes))))
          (call $addOuter4 (i32.add (local.get $pd) (local.get $at))
            (i32.add (i32.add (local.get $pd) (i32.shl (local.get $w) (i32.const 2))) (local.get $at))
            (i32.add (i32.add (local.get $pd) (i32.shl (local.get $w) (i32.const 3))) (local.get $at))
            (i32.add (i32.add (local.get $pd) (i32.mul (local.get $w) (i32.const 12))) (local.get $at))
            (local.get $a0) (local.get $a1) (local.get $a2) (local.get $a3)
            (i32.add (local.get $dv) (local.get $t)) (local.get $rowBytes) (local.get $span) (local.get $d))
          (call $addOuter4 (i32.add (local.get $g) (local.get $at))
            (i32.add (i32.add (local.get $g) (i32.shl (local.get $w) (i32.const 2))) (local.get $at))
            (i32.add (i32.add (local.get $g) (i32.shl (local.get $w) (i32.const 3))) (local.get $at))
            (i32.add (i32.add (local.get $g) (i32.mul (local.get $w) (i32.const 12))) (local.get $at))
            (local.get $x0) (local.get $x1) (local.get $x2) (local.get $x3)
            (i32.add (local.get $dk) (local.get $t)) (local.get $rowBytes) (local.get $span) (local.get $d))
          ;; dQ of the 4 rows: g · K (this head's rows, rowBytes apart), over those keys
          (call $rowBlock
            (i32.add (local.get $g) (local.get $at))
            (i32.add (i32.add (local.get $g) (i32.shl (local.get $w) (i32.const 2))) (local.get $at))
            (i32.add (i32.add (local.get $g) (i32.shl (local.get $w) (i32.const 3))) (local.get $at))
            (i32.add (i32.add (local.get $g) (i32.mul (local.get $w) (i32.const 12))) (local.get $at))
            (i32.add (local.get $k) (local.get $t)) (local.get $rowBytes)
            (local.get $c0) (local.get $c1) (local.get $c2) (local.get $c3)
            (local.get $span) (local.get $d))
          (local.set $i (i32.add (local.get $i) (i32.const 4)))
          (br $rows)))
        (local.set $h (i32.add (local.get $h) (i32.const 1)))
        (br $headLoop)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $seqs)))
  )
)
