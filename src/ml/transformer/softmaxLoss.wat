;; The full-softmax output layer's loss on TF.js's wasm heap (see softmaxLoss.ts, which drives it): each row's softmax
;; of z + b in one pass after its maximum, and the bias's gradient (the column sums of (p − onehot)·dy) in one pass
;; that reads p. Composed of TF.js kernels the same work was an Add, a Softmax, a gather, a product, a scatter, a
;; column-sum pass and a Transpose of [rows × items] (#23).
;;
;; Every pointer is a byte offset into the imported memory (the backend's own), and every function writes only into
;; the outputs it is given. Rows are read as unaligned 4-float vectors (a tensor is only 4-byte aligned); a row's last
;; cols mod 4 floats are taken by one more vector over its last 4 floats, so cols must be at least 4. That vector
;; repeats some of the row's floats: stores of the same values again are harmless, and sums mask those lanes out.
(module
  (import "env" "memory" (memory 0))

  ;; Lanes of the row's last vector that the whole vectors before it did not cover: all of them when cols mod 4 is 0
  ;; (then there is no last vector), else the last cols mod 4.
  (func $tailMask (param $cols i32) (result v128)
    (i32x4.ge_s (v128.const i32x4 0 1 2 3) (i32x4.splat (i32.sub (i32.const 4) (i32.and (local.get $cols) (i32.const 3))))))

  ;; For each of `rows` rows of z ([rows, cols]): x = z + b (b: [cols]), m = max x, p = e^(x − m) (into p, same shape),
  ;; and stats[2r] = m, stats[2r + 1] = Σ p. The caller takes the log of the sum (wasm has none).
  (func (export "softmaxRows") (param $z i32) (param $b i32) (param $p i32) (param $stats i32) (param $rows i32) (param $cols i32)
    (local $r i32) (local $j i32) (local $bytes i32) (local $whole i32) (local $last i32) (local $zr i32) (local $pr i32)
    (local $mask v128) (local $lanes v128) (local $mv v128) (local $mv0 v128) (local $mv1 v128) (local $mv2 v128) (local $mv3 v128) (local $m f32) (local $sv v128) (local $t v128) (local $n v128) (local $q v128)
    (local $e v128)
    ;; the constants of the exponent, held in locals: a v128.const inside the loop is rebuilt on every pass
    (local $log2e v128) (local $magic v128) (local $ln2hi v128) (local $ln2lo v128) (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128) (local $c4 v128) (local $c5 v128) (local $one v128) (local $floor v128)
    (local.set $bytes (i32.shl (local.get $cols) (i32.const 2)))
    (local.set $whole (i32.and (local.get $bytes) (i32.const -16)))
    (local.set $last (i32.sub (local.get $bytes) (i32.const 16)))
    (local.set $mask (call $tailMask (local.get $cols)))
    (local.set $log2e (v128.const f32x4 1.44269504 1.44269504 1.44269504 1.44269504))
    (local.set $magic (v128.const f32x4 12583039 12583039 12583039 12583039))
    (local.set $ln2hi (v128.const f32x4 0.693359375 0.693359375 0.693359375 0.693359375))
    (local.set $ln2lo (v128.const f32x4 -2.1219444e-4 -2.1219444e-4 -2.1219444e-4 -2.1219444e-4))
    (local.set $c0 (v128.const f32x4 1.98756915e-4 1.98756915e-4 1.98756915e-4 1.98756915e-4))
    (local.set $c1 (v128.const f32x4 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3))
    (local.set $c2 (v128.const f32x4 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3))
    (local.set $c3 (v128.const f32x4 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2))
    (local.set $c4 (v128.const f32x4 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1))
    (local.set $c5 (v128.const f32x4 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1))
    (local.set $one (v128.const f32x4 1 1 1 1))
    (local.set $floor (v128.const f32x4 -87 -87 -87 -87))
    (local.set $zr (local.get $z))
    (local.set $pr (local.get $p))
    (block $rowsDone (loop $row
      (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows)))
      ;; m: the row's maximum, 4 lanes at a time (the last vector again if the row has a tail), then across the lanes.
      ;; Four running maxima, four vectors a pass, while four whole vectors are left (one maximum would wait on its
      ;; own latency at every vector), then one vector at a time. The maximum is the same in any order.
      (local.set $mv0 (v128.const f32x4 -inf -inf -inf -inf))
      (local.set $mv1 (local.get $mv0))
      (local.set $mv2 (local.get $mv0))
      (local.set $mv3 (local.get $mv0))
      (local.set $j (i32.const 0))
      (block $fours (loop $four
        (br_if $fours (i32.gt_u (i32.add (local.get $j) (i32.const 64)) (local.get $whole)))
        ;; unroll 4
        (local.set $mv{k} (f32x4.pmax (local.get $mv{k}) (f32x4.add
          (v128.load offset={16k} align=4 (i32.add (local.get $zr) (local.get $j)))
          (v128.load offset={16k} align=4 (i32.add (local.get $b) (local.get $j))))))
        ;; end unroll
        (local.set $j (i32.add (local.get $j) (i32.const 64)))
        (br $four)))
      (local.set $mv (f32x4.pmax (f32x4.pmax (local.get $mv0) (local.get $mv1)) (f32x4.pmax (local.get $mv2) (local.get $mv3))))
      (block $done
        (if (i32.ge_u (local.get $j) (local.get $whole)) (then
          (br_if $done (i32.ge_u (local.get $j) (local.get $bytes)))
          (local.set $j (local.get $last))))
        (loop $next
          (local.set $mv (f32x4.pmax (local.get $mv) (f32x4.add
            (v128.load align=4 (i32.add (local.get $zr) (local.get $j)))
            (v128.load align=4 (i32.add (local.get $b) (local.get $j))))))
          (local.set $j (i32.add (local.get $j) (i32.const 16)))
          (br_if $next (i32.lt_u (local.get $j) (local.get $whole)))
          (br_if $done (i32.ge_u (local.get $j) (local.get $bytes)))
          (local.set $j (local.get $last))
          (br $next)))
      (local.set $m (f32.max
        (f32.max (f32x4.extract_lane 0 (local.get $mv)) (f32x4.extract_lane 1 (local.get $mv)))
        (f32.max (f32x4.extract_lane 2 (local.get $mv)) (f32x4.extract_lane 3 (local.get $mv)))))
      (local.set $mv (f32x4.splat (local.get $m)))
      ;; p = e^t, t = max(x − m, −87), and its sum. Below −87, e^t is 0 in float32 anyway (e^−87 ≈ 1.6e−38).
      ;; e^t as Cephes' expf (simdKernels.ts's vExp): 2^n·e^r, n = round(t·log₂e), r = t − n·ln 2 (ln 2 in two parts, so
      ;; r stays exact), e^r from a degree-7 polynomial. n is rounded by adding 1.5·2²³ + 127: the sum's low mantissa
      ;; bits are then n + 127, which shifted into the exponent field are 2^n.
      (local.set $sv (v128.const f32x4 0 0 0 0))
      (local.set $lanes (v128.const i32x4 -1 -1 -1 -1))
      (local.set $j (i32.const 0))
      ;; Four vectors a pass while four whole ones are left, as for the maximum: each vector's exponent is a long
      ;; serial chain. The sum adds them in the order the one-vector loop below does, so p and the sums are its bits.
      (block $fours (loop $four
        (br_if $fours (i32.gt_u (i32.add (local.get $j) (i32.const 64)) (local.get $whole)))
        ;; unroll 4
        ;; include softmaxExponent.wati
        (local.set $sv (f32x4.add (local.get $sv) (local.get $e)))
        ;; end unroll
        (local.set $j (i32.add (local.get $j) (i32.const 64)))
        (br $four)))
      ;; then the same exponent a vector at a time, and the last vector (only its lanes not summed yet) or nothing
      (block $done
        (if (i32.ge_u (local.get $j) (local.get $whole)) (then
          (br_if $done (i32.ge_u (local.get $j) (local.get $bytes)))
          (local.set $j (local.get $last))
          (local.set $lanes (local.get $mask))))
        (loop $next
          ;; unroll 1
          ;; include softmaxExponent.wati
          ;; end unroll
          (local.set $sv (f32x4.add (local.get $sv) (v128.and (local.get $e) (local.get $lanes))))
          (local.set $j (i32.add (local.get $j) (i32.const 16)))
          (br_if $next (i32.lt_u (local.get $j) (local.get $whole)))
          (br_if $done (i32.ge_u (local.get $j) (local.get $bytes)))
          ;; the last vector: only the lanes not summed yet
          (local.set $j (local.get $last))
          (local.set $lanes (local.get $mask))
          (br $next)))
      (f32.store (local.get $stats) (local.get $m))
      (f32.store offset=4 (local.get $stats) (f32.add
        (f32.add (f32x4.extract_lane 0 (local.get $sv)) (f32x4.extract_lane 1 (local.get $sv)))
        (f32.add (f32x4.extract_lane 2 (local.get $sv)) (f32x4.extract_lane 3 (local.get $sv)))))
      (local.set $stats (i32.add (local.get $stats) (i32.const 8)))
      (local.set $zr (i32.add (local.get $zr) (local.get $bytes)))
      (local.set $pr (i32.add (local.get $pr) (local.get $bytes)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $row)))
  )

;; db[j] = Σ_r p[r, j]·scale[r] for p [rows, cols] and scale [rows]: the bias's gradient before the one-hot part,
  ;; which the caller subtracts (one entry a row). The gradient itself is never written out: the caller takes h's and
  ;; the table's gradients as products of p itself, with the scale folded into their other operand. Rows go four at
  ;; a time, so that db is read and written once per four rows.
  (func (export "scaledColumnSums") (param $p i32) (param $scale i32) (param $db i32) (param $rows i32) (param $cols i32)
    (local $r i32) (local $j i32) (local $bytes i32) (local $whole i32) (local $last i32) (local $at i32)
    (local $mask v128) (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local.set $bytes (i32.shl (local.get $cols) (i32.const 2)))
    (local.set $whole (i32.and (local.get $bytes) (i32.const -16)))
    (local.set $last (i32.sub (local.get $bytes) (i32.const 16)))
    (local.set $mask (call $tailMask (local.get $cols)))
    ;; db = 0
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $j) (local.get $bytes)))
      (f32.store (i32.add (local.get $db) (local.get $j)) (f32.const 0))
      (local.set $j (i32.add (local.get $j) (i32.const 4)))
      (br $next)))
    (block $rowsDone (loop $row
      (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows)))
      ;; four rows' scales, or one row's (the others 0) for the last rows mod 4
      (local.set $at (i32.add (local.get $scale) (i32.shl (local.get $r) (i32.const 2))))
      (local.set $s0 (v128.load32_splat (local.get $at)))
      (if (i32.le_u (i32.add (local.get $r) (i32.const 4)) (local.get $rows))
        (then
          (local.set $s1 (v128.load32_splat offset=4 (local.get $at)))
          (local.set $s2 (v128.load32_splat offset=8 (local.get $at)))
          (local.set $s3 (v128.load32_splat offset=12 (local.get $at)))
          (call $fourRows (local.get $p) (local.get $db) (local.get $bytes) (local.get $whole) (local.get $last)
            (local.get $mask) (local.get $s0) (local.get $s1) (local.get $s2) (local.get $s3))
          (local.set $p (i32.add (local.get $p) (i32.shl (local.get $bytes) (i32.const 2))))
          (local.set $r (i32.add (local.get $r) (i32.const 4))))
        (else
          (call $oneRow (local.get $p) (local.get $db) (local.get $bytes) (local.get $whole) (local.get $last)
            (local.get $mask) (local.get $s0))
          (local.set $p (i32.add (local.get $p) (local.get $bytes)))
          (local.set $r (i32.add (local.get $r) (i32.const 1)))))
      (br $row)))
  )

  ;; db += Σ_k p[k, ·]·s_k over the four rows from p.
  (func $fourRows (param $p i32) (param $db i32) (param $bytes i32) (param $whole i32) (param $last i32) (param $mask v128)
    (param $s0 v128) (param $s1 v128) (param $s2 v128) (param $s3 v128)
    (local $j i32) (local $at i32) (local $lanes v128)
    (local.set $lanes (v128.const i32x4 -1 -1 -1 -1))
    (block $done (loop $next
      (local.set $at (i32.add (local.get $p) (local.get $j)))
      (v128.store align=4 (i32.add (local.get $db) (local.get $j)) (f32x4.add
        (v128.load align=4 (i32.add (local.get $db) (local.get $j)))
        (v128.and (local.get $lanes) (f32x4.add
          (f32x4.add
            (f32x4.mul (v128.load align=4 (local.get $at)) (local.get $s0))
            (f32x4.mul (v128.load align=4 (i32.add (local.get $at) (local.get $bytes))) (local.get $s1)))
          (f32x4.add
            (f32x4.mul (v128.load align=4 (i32.add (local.get $at) (i32.shl (local.get $bytes) (i32.const 1)))) (local.get $s2))
            (f32x4.mul (v128.load align=4 (i32.add (local.get $at) (i32.mul (local.get $bytes) (i32.const 3)))) (local.get $s3)))))))
      (local.set $j (i32.add (local.get $j) (i32.const 16)))
      (br_if $next (i32.lt_u (local.get $j) (local.get $whole)))
      (br_if $done (i32.ge_u (local.get $j) (local.get $bytes)))
      ;; the last vector: only the lanes not added yet
      (local.set $j (local.get $last))
      (local.set $lanes (local.get $mask))
      (br $next)))
  )

  ;; db += p[0, ·]·s for the one row at p.
  (func $oneRow (param $p i32) (param $db i32) (param $bytes i32) (param $whole i32) (param $last i32) (param $mask v128)
    (param $s v128)
    (local $j i32) (local $lanes v128)
    (local.set $lanes (v128.const i32x4 -1 -1 -1 -1))
    (block $done (loop $next
      (v128.store align=4 (i32.add (local.get $db) (local.get $j)) (f32x4.add
        (v128.load align=4 (i32.add (local.get $db) (local.get $j)))
        (v128.and (local.get $lanes) (f32x4.mul (v128.load align=4 (i32.add (local.get $p) (local.get $j))) (local.get $s)))))
      (local.set $j (i32.add (local.get $j) (i32.const 16)))
      (br_if $next (i32.lt_u (local.get $j) (local.get $whole)))
      (br_if $done (i32.ge_u (local.get $j) (local.get $bytes)))
      (local.set $j (local.get $last))
      (local.set $lanes (local.get $mask))
      (br $next)))
  )
)
