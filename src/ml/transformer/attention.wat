;; Multi-head attention at inference as one pass over TF.js's wasm heap (see attention.ts, which drives it):
;; context = softmax(Q·Kᵀ / √d + mask)·V for every sequence and head, read from and written to the [batch, len, hidden]
;; layout the linears produce. Composed of TF.js kernels the same work was three head-split transposes, a transpose of
;; K, two batched products, a Div, an Add, a Softmax and a transpose back (#23).
;;
;; Every pointer is a byte offset into the imported memory (the backend's own); the function writes only into ctx and
;; its scratch. Sums over d and over keys are taken in order, as the composed products take them.
(module
  (import "env" "memory" (memory 0))

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

  ;; One row of scores s (width w floats, a multiple of 8, of which the first len are keys) into probabilities, in
  ;; place: x = s / root + mask (mask: len floats), −∞ past len; p = e^(x − max x) / Σ e^(…), the sum's reciprocal
  ;; multiplied in as XNNPACK's softmax does. e^t as Cephes' expf, as softmaxLoss.wat takes it (see there), with t
  ;; floored at −87, where e^t is below float32's normal range.
  (func $softmaxRow (param $s i32) (param $mask i32) (param $len i32) (param $w i32) (param $root v128)
    (local $j i32) (local $end i32) (local $whole i32) (local $mv v128) (local $m f32) (local $sv v128) (local $t v128)
    (local $n v128) (local $q v128) (local $e v128) (local $sum f32)
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
    ;; e^(x − m) in place, and its sum (the padded lanes add e^−87 ≈ 1.6e−38 each, below any sum's last bit: the sum
    ;; is at least 1, the maximum's own term)
    (local.set $sv (v128.const f32x4 0 0 0 0))
    (local.set $j (i32.const 0))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $j) (local.get $end)))
      (local.set $t (f32x4.pmax
        (f32x4.sub (v128.load align=4 (i32.add (local.get $s) (local.get $j))) (local.get $mv))
        (v128.const f32x4 -87 -87 -87 -87)))
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
  ;; takes the context of a block's rows past len (the last block repeats row len − 1 to fill its 4).
  (func (export "attend") (param $q i32) (param $k i32) (param $v i32) (param $mask i32) (param $maskBatch i32)
    (param $maskRow i32) (param $ctx i32) (param $scratch i32) (param $batch i32) (param $heads i32) (param $len i32)
    (param $d i32) (param $root f32)
    (local $b i32) (local $h i32) (local $i i32) (local $r i32) (local $j i32) (local $t i32) (local $w i32)
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
        (local.set $j (i32.const 0))
        (block $done (loop $next
          (br_if $done (i32.ge_u (local.get $j) (local.get $len)))
          (local.set $src (i32.add (i32.add (local.get $k) (local.get $headAt)) (i32.mul (local.get $j) (local.get $rowBytes))))
          (local.set $t (i32.const 0))
          (block $tDone (loop $tNext
            (br_if $tDone (i32.ge_u (local.get $t) (local.get $d)))
            (f32.store
              (i32.add (local.get $kt) (i32.shl (i32.add (i32.mul (local.get $t) (local.get $w)) (local.get $j)) (i32.const 2)))
              (f32.load (i32.add (local.get $src) (i32.shl (local.get $t) (i32.const 2)))))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $tNext)))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br $next)))
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
            (call $softmaxRow (i32.add (local.get $scores) (i32.shl (i32.mul (local.get $r) (local.get $w)) (i32.const 2)))
              (local.get $maskAt) (local.get $len) (local.get $w) (local.get $rootv))
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
)
