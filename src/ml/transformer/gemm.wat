;; The 2-D matrix product C = A·B (+ bias) on TF.js's wasm heap (see gemm.ts, which drives it): every linear of the
;; encoders, forward and backward. XNNPACK, as tfjs-backend-wasm 4.x builds and calls it, ran BERT-mini's and SASRec's
;; products at 26–32 GFLOP/s here; this kernel, the same sums in the same order, at 1.10–1.35× that, and at 1.07–1.65×
;; with a fused multiply-add (BENCHMARKS.md "Fifth part").
;;
;; B is first packed into panels of 8 columns, each panel's K × 8 floats contiguous: the kernel then reads a panel
;; sequentially, where B's own rows (N floats apart; 4 KB for N = 1024) all fall in the same few cache sets. C is
;; built 64 rows at a time, and within those rows one panel at a time, so the panel stays in L1 and the 64 rows of A
;; in L2 while they are reused.
;;
;; The multiply-adds of the two micro-kernels below are each written (f32x4.add (local.get $sum) (f32x4.mul x y)):
;; `npm run wasm` also assembles a twin in which each is f32x4.relaxed_madd (one rounding instead of two, where the
;; engine has relaxed SIMD), and gemm.ts uses the twin where the engine accepts it.
;;
;; Every pointer is a byte offset into the imported memory (the backend's own); rows are read as unaligned vectors.
(module
  (import "env" "memory" (memory 0))

  ;; B [k, n] (row-major) into panels: panel q holds B[t, 8q … 8q + 7] for t = 0 … k − 1, in order; the last panel of
  ;; a width that is not a multiple of 8 holds its n mod 8 columns and zeros (p: k·⌈n/8⌉·8 floats).
  (func (export "pack") (param $b i32) (param $p i32) (param $k i32) (param $n i32)
    (local $j i32) (local $t i32) (local $src i32) (local $ldb i32) (local $col i32) (local $whole i32)
    (local.set $ldb (i32.shl (local.get $n) (i32.const 2)))
    (local.set $whole (i32.and (local.get $n) (i32.const -8)))
    (block $panelsDone (loop $panels
      (br_if $panelsDone (i32.ge_u (local.get $j) (local.get $whole)))
      (local.set $src (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
      (local.set $t (i32.const 0))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $t) (local.get $k)))
        (v128.store align=4 (local.get $p) (v128.load align=4 (local.get $src)))
        (v128.store offset=16 align=4 (local.get $p) (v128.load offset=16 align=4 (local.get $src)))
        (local.set $p (i32.add (local.get $p) (i32.const 32)))
        (local.set $src (i32.add (local.get $src) (local.get $ldb)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $next)))
      (local.set $j (i32.add (local.get $j) (i32.const 8)))
      (br $panels)))
    ;; the partial panel, a float at a time
    (if (i32.lt_u (local.get $whole) (local.get $n)) (then
      (local.set $src (i32.add (local.get $b) (i32.shl (local.get $whole) (i32.const 2))))
      (local.set $t (i32.const 0))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $t) (local.get $k)))
        (local.set $col (i32.const 0))
        (block $colsDone (loop $cols
          (br_if $colsDone (i32.ge_u (local.get $col) (i32.const 8)))
          (f32.store (i32.add (local.get $p) (i32.shl (local.get $col) (i32.const 2)))
            (if (result f32) (i32.lt_u (i32.add (local.get $whole) (local.get $col)) (local.get $n))
              (then (f32.load (i32.add (local.get $src) (i32.shl (local.get $col) (i32.const 2)))))
              (else (f32.const 0))))
          (local.set $col (i32.add (local.get $col) (i32.const 1)))
          (br $cols)))
        (local.set $p (i32.add (local.get $p) (i32.const 32)))
        (local.set $src (i32.add (local.get $src) (local.get $ldb)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $next)))))
  )

  ;; The first `cols` (1 … 8) of the 8 floats v0, v1 to p: all 8 but in a width's last, partial panel.
  (func $storeRow (param $p i32) (param $v0 v128) (param $v1 v128) (param $cols i32)
    (if (i32.eq (local.get $cols) (i32.const 8)) (then
      (v128.store align=4 (local.get $p) (local.get $v0))
      (v128.store offset=16 align=4 (local.get $p) (local.get $v1))
      (return)))
    (if (i32.ge_u (local.get $cols) (i32.const 4)) (then
      (v128.store align=4 (local.get $p) (local.get $v0))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (local.set $v0 (local.get $v1))
      (local.set $cols (i32.sub (local.get $cols) (i32.const 4)))))
    (if (i32.gt_u (local.get $cols) (i32.const 0)) (then (v128.store32_lane align=4 0 (local.get $p) (local.get $v0))))
    (if (i32.gt_u (local.get $cols) (i32.const 1)) (then (v128.store32_lane offset=4 align=4 1 (local.get $p) (local.get $v0))))
    (if (i32.gt_u (local.get $cols) (i32.const 2)) (then (v128.store32_lane offset=8 align=4 2 (local.get $p) (local.get $v0))))
  )

  ;; C [m, n] = A [m, k] · B, B packed by "pack"; each sum starts from bias[j] (bias: n floats, read 8 at a time, so
  ;; ⌈n/8⌉·8 of them) when bias is not 0, as XNNPACK's does, else from 0. Tiles of 4 rows × 8 columns in eight
  ;; accumulators (each panel vector loaded once serves 4 rows); the last m mod 4 rows a row at a time.
  (func (export "gemm") (param $a i32) (param $p i32) (param $bias i32) (param $c i32) (param $m i32) (param $k i32) (param $n i32)
    (local $i0 i32) (local $iEnd i32) (local $i i32) (local $j i32) (local $t i32) (local $ap i32) (local $bp i32)
    (local $cp i32) (local $lda i32) (local $ldc i32) (local $panel i32) (local $cols i32)
    (local $x v128) (local $b0 v128) (local $b1 v128) (local $init0 v128) (local $init1 v128)
    (local $s00 v128) (local $s01 v128) (local $s10 v128) (local $s11 v128) (local $s20 v128) (local $s21 v128)
    (local $s30 v128) (local $s31 v128)
    (local.set $lda (i32.shl (local.get $k) (i32.const 2)))
    (local.set $ldc (i32.shl (local.get $n) (i32.const 2)))
    (block $chunksDone (loop $chunks
      (br_if $chunksDone (i32.ge_u (local.get $i0) (local.get $m)))
      (local.set $iEnd (i32.add (local.get $i0) (i32.const 64)))
      (if (i32.gt_u (local.get $iEnd) (local.get $m)) (then (local.set $iEnd (local.get $m))))
      (local.set $j (i32.const 0))
      (block $panelsDone (loop $panels
        (br_if $panelsDone (i32.ge_u (local.get $j) (local.get $n)))
        (local.set $panel (i32.add (local.get $p) (i32.mul (local.get $j) (local.get $lda))))
        (local.set $cols (i32.sub (local.get $n) (local.get $j)))
        (if (i32.gt_u (local.get $cols) (i32.const 8)) (then (local.set $cols (i32.const 8))))
        (local.set $init0 (v128.const f32x4 0 0 0 0))
        (local.set $init1 (v128.const f32x4 0 0 0 0))
        (if (local.get $bias) (then
          (local.set $init0 (v128.load align=4 (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2)))))
          (local.set $init1 (v128.load offset=16 align=4 (i32.add (local.get $bias) (i32.shl (local.get $j) (i32.const 2)))))))
        (local.set $i (local.get $i0))
        ;; 4 rows at a time
        (block $tilesDone (loop $tiles
          (br_if $tilesDone (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $iEnd)))
          (local.set $s00 (local.get $init0))
          (local.set $s01 (local.get $init1))
          (local.set $s10 (local.get $init0))
          (local.set $s11 (local.get $init1))
          (local.set $s20 (local.get $init0))
          (local.set $s21 (local.get $init1))
          (local.set $s30 (local.get $init0))
          (local.set $s31 (local.get $init1))
          (local.set $ap (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $lda))))
          (local.set $bp (local.get $panel))
          (local.set $t (i32.const 0))
          (block $done (loop $next
            (br_if $done (i32.ge_u (local.get $t) (local.get $k)))
            (local.set $b0 (v128.load align=4 (local.get $bp)))
            (local.set $b1 (v128.load offset=16 align=4 (local.get $bp)))
            (local.set $x (v128.load32_splat (local.get $ap)))
            (local.set $s00 (f32x4.add (local.get $s00) (f32x4.mul (local.get $x) (local.get $b0))))
            (local.set $s01 (f32x4.add (local.get $s01) (f32x4.mul (local.get $x) (local.get $b1))))
            (local.set $x (v128.load32_splat (i32.add (local.get $ap) (local.get $lda))))
            (local.set $s10 (f32x4.add (local.get $s10) (f32x4.mul (local.get $x) (local.get $b0))))
            (local.set $s11 (f32x4.add (local.get $s11) (f32x4.mul (local.get $x) (local.get $b1))))
            (local.set $x (v128.load32_splat (i32.add (local.get $ap) (i32.shl (local.get $lda) (i32.const 1)))))
            (local.set $s20 (f32x4.add (local.get $s20) (f32x4.mul (local.get $x) (local.get $b0))))
            (local.set $s21 (f32x4.add (local.get $s21) (f32x4.mul (local.get $x) (local.get $b1))))
            (local.set $x (v128.load32_splat (i32.add (local.get $ap) (i32.mul (local.get $lda) (i32.const 3)))))
            (local.set $s30 (f32x4.add (local.get $s30) (f32x4.mul (local.get $x) (local.get $b0))))
            (local.set $s31 (f32x4.add (local.get $s31) (f32x4.mul (local.get $x) (local.get $b1))))
            (local.set $ap (i32.add (local.get $ap) (i32.const 4)))
            (local.set $bp (i32.add (local.get $bp) (i32.const 32)))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $next)))
          (local.set $cp (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 2))))
          (call $storeRow (local.get $cp) (local.get $s00) (local.get $s01) (local.get $cols))
          (local.set $cp (i32.add (local.get $cp) (local.get $ldc)))
          (call $storeRow (local.get $cp) (local.get $s10) (local.get $s11) (local.get $cols))
          (local.set $cp (i32.add (local.get $cp) (local.get $ldc)))
          (call $storeRow (local.get $cp) (local.get $s20) (local.get $s21) (local.get $cols))
          (local.set $cp (i32.add (local.get $cp) (local.get $ldc)))
          (call $storeRow (local.get $cp) (local.get $s30) (local.get $s31) (local.get $cols))
          (local.set $i (i32.add (local.get $i) (i32.const 4)))
          (br $tiles)))
        ;; the rows left, one at a time
        (block $rowsDone (loop $rows
          (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $iEnd)))
          (local.set $s00 (local.get $init0))
          (local.set $s01 (local.get $init1))
          (local.set $ap (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $lda))))
          (local.set $bp (local.get $panel))
          (local.set $t (i32.const 0))
          (block $done (loop $next
            (br_if $done (i32.ge_u (local.get $t) (local.get $k)))
            (local.set $x (v128.load32_splat (local.get $ap)))
            (local.set $s00 (f32x4.add (local.get $s00) (f32x4.mul (local.get $x) (v128.load align=4 (local.get $bp)))))
            (local.set $s01 (f32x4.add (local.get $s01) (f32x4.mul (local.get $x) (v128.load offset=16 align=4 (local.get $bp)))))
            (local.set $ap (i32.add (local.get $ap) (i32.const 4)))
            (local.set $bp (i32.add (local.get $bp) (i32.const 32)))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $next)))
          (call $storeRow
            (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 2)))
            (local.get $s00) (local.get $s01) (local.get $cols))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $rows)))
        (local.set $j (i32.add (local.get $j) (i32.const 8)))
        (br $panels)))
      (local.set $i0 (local.get $iEnd))
      (br $chunks)))
  )
)
