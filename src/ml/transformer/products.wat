;; Matrix products that XNNPACK, as TF.js's wasm backend calls it, runs poorly: products run in TF.js's wasm memory
;; (see batchMatMul.ts, which drives them). Pointers are byte offsets into the imported memory (the backend's own);
;; rows are read as unaligned vectors, and every sum over k is taken in order.
;;
;; batchedProduct: many small products at once. Attention's are many and small (SASRec on ml-100k: 64 pairs of
;; [50 × 32]·[32 × 50] per product, 12 such products a step); handed to XNNPACK one pair at a time, each pair paid
;; ~12 µs of operator set-up and weight packing for 0.16 MFLOP of work.
;;
;; transposedProduct: Aᵀ·B, a weight's gradient (xᵀ·dy) without transposing x. XNNPACK has no transposed left operand,
;; so the step transposed x ([1,600 × 64] and [1,600 × 256]) and then XNNPACK packed all of dy as its weights.
(module
  (import "env" "memory" (memory 0))

  ;; For each of `batch` pairs, C [m, n] = A [m, k] · B [k, n], row-major and packed one pair after another. Each row
  ;; of C is built 16 columns at a time in four 4-float accumulators (for each k, A[i, k] splat times B's 16 floats of
  ;; row k); the columns left over go 4 at a time, then one at a time.
  (func (export "batchedProduct") (param $a i32) (param $b i32) (param $c i32) (param $batch i32) (param $m i32)
    (param $k i32) (param $n i32)
    (local $p i32) (local $i i32) (local $j i32) (local $kk i32) (local $rowA i32) (local $rowC i32) (local $ap i32)
    (local $bp i32) (local $rowBytes i32) (local $acc0 v128) (local $acc1 v128) (local $acc2 v128) (local $acc3 v128)
    (local $av v128) (local $s f32)
    (local.set $rowBytes (i32.shl (local.get $n) (i32.const 2)))
    (block $pairsDone (loop $pair
      (br_if $pairsDone (i32.ge_u (local.get $p) (local.get $batch)))
      (local.set $i (i32.const 0))
      (block $rowsDone (loop $row
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $m)))
        (local.set $rowA (i32.add (local.get $a) (i32.shl (i32.mul (local.get $i) (local.get $k)) (i32.const 2))))
        (local.set $rowC (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $rowBytes))))
        (local.set $j (i32.const 0))
        ;; 16 columns at a time
        (block $wideDone (loop $wide
          (br_if $wideDone (i32.gt_u (i32.add (local.get $j) (i32.const 16)) (local.get $n)))
          (local.set $acc0 (v128.const f32x4 0 0 0 0))
          (local.set $acc1 (v128.const f32x4 0 0 0 0))
          (local.set $acc2 (v128.const f32x4 0 0 0 0))
          (local.set $acc3 (v128.const f32x4 0 0 0 0))
          (local.set $ap (local.get $rowA))
          (local.set $bp (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
          (local.set $kk (i32.const 0))
          (block $done (loop $next
            (br_if $done (i32.ge_u (local.get $kk) (local.get $k)))
            (local.set $av (v128.load32_splat (local.get $ap)))
            (local.set $acc0 (f32x4.add (local.get $acc0) (f32x4.mul (local.get $av) (v128.load align=4 (local.get $bp)))))
            (local.set $acc1 (f32x4.add (local.get $acc1) (f32x4.mul (local.get $av) (v128.load offset=16 align=4 (local.get $bp)))))
            (local.set $acc2 (f32x4.add (local.get $acc2) (f32x4.mul (local.get $av) (v128.load offset=32 align=4 (local.get $bp)))))
            (local.set $acc3 (f32x4.add (local.get $acc3) (f32x4.mul (local.get $av) (v128.load offset=48 align=4 (local.get $bp)))))
            (local.set $ap (i32.add (local.get $ap) (i32.const 4)))
            (local.set $bp (i32.add (local.get $bp) (local.get $rowBytes)))
            (local.set $kk (i32.add (local.get $kk) (i32.const 1)))
            (br $next)))
          (local.set $bp (i32.add (local.get $rowC) (i32.shl (local.get $j) (i32.const 2))))
          (v128.store align=4 (local.get $bp) (local.get $acc0))
          (v128.store offset=16 align=4 (local.get $bp) (local.get $acc1))
          (v128.store offset=32 align=4 (local.get $bp) (local.get $acc2))
          (v128.store offset=48 align=4 (local.get $bp) (local.get $acc3))
          (local.set $j (i32.add (local.get $j) (i32.const 16)))
          (br $wide)))
        ;; 4 columns at a time
        (block $narrowDone (loop $narrow
          (br_if $narrowDone (i32.gt_u (i32.add (local.get $j) (i32.const 4)) (local.get $n)))
          (local.set $acc0 (v128.const f32x4 0 0 0 0))
          (local.set $ap (local.get $rowA))
          (local.set $bp (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
          (local.set $kk (i32.const 0))
          (block $done (loop $next
            (br_if $done (i32.ge_u (local.get $kk) (local.get $k)))
            (local.set $av (v128.load32_splat (local.get $ap)))
            (local.set $acc0 (f32x4.add (local.get $acc0) (f32x4.mul (local.get $av) (v128.load align=4 (local.get $bp)))))
            (local.set $ap (i32.add (local.get $ap) (i32.const 4)))
            (local.set $bp (i32.add (local.get $bp) (local.get $rowBytes)))
            (local.set $kk (i32.add (local.get $kk) (i32.const 1)))
            (br $next)))
          (v128.store align=4 (i32.add (local.get $rowC) (i32.shl (local.get $j) (i32.const 2))) (local.get $acc0))
          (local.set $j (i32.add (local.get $j) (i32.const 4)))
          (br $narrow)))
        ;; one column at a time
        (block $lastDone (loop $last
          (br_if $lastDone (i32.ge_u (local.get $j) (local.get $n)))
          (local.set $s (f32.const 0))
          (local.set $ap (local.get $rowA))
          (local.set $bp (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
          (local.set $kk (i32.const 0))
          (block $done (loop $next
            (br_if $done (i32.ge_u (local.get $kk) (local.get $k)))
            (local.set $s (f32.add (local.get $s) (f32.mul (f32.load (local.get $ap)) (f32.load (local.get $bp)))))
            (local.set $ap (i32.add (local.get $ap) (i32.const 4)))
            (local.set $bp (i32.add (local.get $bp) (local.get $rowBytes)))
            (local.set $kk (i32.add (local.get $kk) (i32.const 1)))
            (br $next)))
          (f32.store (i32.add (local.get $rowC) (i32.shl (local.get $j) (i32.const 2))) (local.get $s))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br $last)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $row)))
      (local.set $a (i32.add (local.get $a) (i32.shl (i32.mul (local.get $m) (local.get $k)) (i32.const 2))))
      (local.set $b (i32.add (local.get $b) (i32.mul (local.get $k) (local.get $rowBytes))))
      (local.set $c (i32.add (local.get $c) (i32.mul (local.get $m) (local.get $rowBytes))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $pair)))
  )

  ;; C [m, n] = Aᵀ·B for A [r, m] and B [r, n], row-major; m at least 4, n a multiple of 8. C is built in tiles of 4
  ;; rows × 8 columns held in eight accumulators: for each of A's and B's rows t (in order), A[t, i..i+3] (each splat)
  ;; times B[t, j..j+7]. The rows go 32 at a time through every tile, each tile's sums carried over in C, so that those
  ;; rows of A and B are read from cache by every tile rather than from memory (over all r rows at once, a 256-wide B
  ;; ran at a third of the rate); the sums are still taken row by row in order. Where m is not a multiple of 4 (the
  ;; output layer's items), the last tile takes C's last 4 rows and stores only the m mod 4 the tiles before it did not:
  ;; the others' sums, taken again from what C held, are dropped.
  (func (export "transposedProduct") (param $a i32) (param $b i32) (param $c i32) (param $r i32) (param $m i32) (param $n i32)
    (local $i i32) (local $j i32) (local $t i32) (local $t0 i32) (local $skip i32) (local $tEnd i32) (local $ap i32) (local $bp i32)
    (local $cp i32) (local $aStride i32) (local $bStride i32) (local $x0 v128) (local $x1 v128) (local $x2 v128)
    (local $x3 v128) (local $b0 v128) (local $b1 v128) (local $c00 v128) (local $c01 v128) (local $c10 v128)
    (local $c11 v128) (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local.set $aStride (i32.shl (local.get $m) (i32.const 2)))
    (local.set $bStride (i32.shl (local.get $n) (i32.const 2)))
    ;; C = 0
    (local.set $cp (local.get $c))
    (local.set $tEnd (i32.add (local.get $c) (i32.mul (local.get $m) (local.get $bStride))))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $cp) (local.get $tEnd)))
      (v128.store align=4 (local.get $cp) (v128.const f32x4 0 0 0 0))
      (local.set $cp (i32.add (local.get $cp) (i32.const 16)))
      (br $next)))
    (block $blocksDone (loop $blocks
      (br_if $blocksDone (i32.ge_u (local.get $t0) (local.get $r)))
      (local.set $tEnd (i32.add (local.get $t0) (i32.const 32)))
      (if (i32.gt_u (local.get $tEnd) (local.get $r)) (then (local.set $tEnd (local.get $r))))
      (local.set $i (i32.const 0))
      (local.set $skip (i32.const 0))
      (block $rowsDone (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $m)))
        (local.set $j (i32.const 0))
        (block $colsDone (loop $cols
          (br_if $colsDone (i32.ge_u (local.get $j) (local.get $n)))
          ;; the tile's sums so far: C rows i … i + 3, columns j … j + 7
          (local.set $cp (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 2))))
          (local.set $c00 (v128.load align=4 (local.get $cp)))
          (local.set $c01 (v128.load offset=16 align=4 (local.get $cp)))
          (local.set $cp (i32.add (local.get $cp) (local.get $bStride)))
          (local.set $c10 (v128.load align=4 (local.get $cp)))
          (local.set $c11 (v128.load offset=16 align=4 (local.get $cp)))
          (local.set $cp (i32.add (local.get $cp) (local.get $bStride)))
          (local.set $c20 (v128.load align=4 (local.get $cp)))
          (local.set $c21 (v128.load offset=16 align=4 (local.get $cp)))
          (local.set $cp (i32.add (local.get $cp) (local.get $bStride)))
          (local.set $c30 (v128.load align=4 (local.get $cp)))
          (local.set $c31 (v128.load offset=16 align=4 (local.get $cp)))
          (local.set $ap (i32.add (local.get $a) (i32.shl (i32.add (i32.mul (local.get $t0) (local.get $m)) (local.get $i)) (i32.const 2))))
          (local.set $bp (i32.add (local.get $b) (i32.shl (i32.add (i32.mul (local.get $t0) (local.get $n)) (local.get $j)) (i32.const 2))))
          (local.set $t (local.get $t0))
          (block $done (loop $next
            (br_if $done (i32.ge_u (local.get $t) (local.get $tEnd)))
            (local.set $b0 (v128.load align=4 (local.get $bp)))
            (local.set $b1 (v128.load offset=16 align=4 (local.get $bp)))
            (local.set $x0 (v128.load32_splat (local.get $ap)))
            (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $x0) (local.get $b0))))
            (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $x0) (local.get $b1))))
            (local.set $x1 (v128.load32_splat offset=4 (local.get $ap)))
            (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $x1) (local.get $b0))))
            (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $x1) (local.get $b1))))
            (local.set $x2 (v128.load32_splat offset=8 (local.get $ap)))
            (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $x2) (local.get $b0))))
            (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $x2) (local.get $b1))))
            (local.set $x3 (v128.load32_splat offset=12 (local.get $ap)))
            (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $x3) (local.get $b0))))
            (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $x3) (local.get $b1))))
            (local.set $ap (i32.add (local.get $ap) (local.get $aStride)))
            (local.set $bp (i32.add (local.get $bp) (local.get $bStride)))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $next)))
          ;; the first $skip rows belong to the tile before (the last tile only)
          (local.set $cp (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 2))))
          (if (i32.lt_u (local.get $skip) (i32.const 1)) (then
            (v128.store align=4 (local.get $cp) (local.get $c00))
            (v128.store offset=16 align=4 (local.get $cp) (local.get $c01))))
          (local.set $cp (i32.add (local.get $cp) (local.get $bStride)))
          (if (i32.lt_u (local.get $skip) (i32.const 2)) (then
            (v128.store align=4 (local.get $cp) (local.get $c10))
            (v128.store offset=16 align=4 (local.get $cp) (local.get $c11))))
          (local.set $cp (i32.add (local.get $cp) (local.get $bStride)))
          (if (i32.lt_u (local.get $skip) (i32.const 3)) (then
            (v128.store align=4 (local.get $cp) (local.get $c20))
            (v128.store offset=16 align=4 (local.get $cp) (local.get $c21))))
          (local.set $cp (i32.add (local.get $cp) (local.get $bStride)))
          (v128.store align=4 (local.get $cp) (local.get $c30))
          (v128.store offset=16 align=4 (local.get $cp) (local.get $c31))
          (local.set $j (i32.add (local.get $j) (i32.const 8)))
          (br $cols)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        ;; fewer than 4 rows left: the last tile ends at C's last row
        (if (i32.and (i32.lt_u (local.get $i) (local.get $m)) (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $m)))
          (then
            (local.set $skip (i32.sub (i32.add (local.get $i) (i32.const 4)) (local.get $m)))
            (local.set $i (i32.sub (local.get $m) (i32.const 4)))))
        (br $rows)))
      (local.set $t0 (local.get $tEnd))
      (br $blocks)))
  )
)
