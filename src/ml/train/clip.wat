;; Global-norm gradient clipping over the flat gradient buffer on TF.js's wasm heap (see clipKernel.ts, which drives
;; it). Composed of TF.js kernels it was a Square, a Sum and a Mul over the whole buffer: on Beauty's 3.6M parameters
;; about 15 ms a step, the scaling pass written even when the norm is under the limit and the scale is 1 (#23).
;;
;; sumOfSquares squares in float32, as the composed Square does, and adds the squares in float64: the order of a
;; float32 sum (TF.js's own is not specified) would change its last bits, and float64 makes the sum exact enough that
;; the order no longer matters. scale multiplies by a float32 factor, as the composed Mul does. Pointers are byte
;; offsets into the imported memory (the backend's own); floats are read as unaligned 4-float vectors, the last n mod 4
;; one at a time.
(module
  (import "env" "memory" (memory 0))

  ;; Σ x[i]² over x [n], each square rounded to float32, summed in float64.
  (func (export "sumOfSquares") (param $x i32) (param $n i32) (result f64)
    (call $squares (local.get $x) (i32.const 0) (local.get $n) (i32.const 0)))

  ;; The same sum, x copied to out [n] on the way: the optimizer lays the gradients end to end with it (clipKernel.ts'
  ;; flattenOnHeap), so the norm needs no pass of its own over the flat buffer.
  (func (export "copyWithSquares") (param $x i32) (param $out i32) (param $n i32) (result f64)
    (call $squares (local.get $x) (local.get $out) (local.get $n) (i32.const 1)))

  (func $squares (param $x i32) (param $out i32) (param $n i32) (param $copy i32) (result f64)
    (local $i i32) (local $at i32) (local $whole i32) (local $v v128) (local $low v128) (local $high v128) (local $f f32)
    (local $sum f64)
    (local.set $whole (i32.and (local.get $n) (i32.const -4)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $whole)))
      (local.set $at (i32.shl (local.get $i) (i32.const 2)))
      (local.set $v (v128.load align=4 (i32.add (local.get $x) (local.get $at))))
      (if (local.get $copy) (then (v128.store align=4 (i32.add (local.get $out) (local.get $at)) (local.get $v))))
      (local.set $v (f32x4.mul (local.get $v) (local.get $v)))
      (local.set $low (f64x2.add (local.get $low) (f64x2.promote_low_f32x4 (local.get $v))))
      (local.set $high (f64x2.add (local.get $high)
        (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $next)))
    (local.set $low (f64x2.add (local.get $low) (local.get $high)))
    (local.set $sum (f64.add (f64x2.extract_lane 0 (local.get $low)) (f64x2.extract_lane 1 (local.get $low))))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $at (i32.shl (local.get $i) (i32.const 2)))
      (local.set $f (f32.load (i32.add (local.get $x) (local.get $at))))
      (if (local.get $copy) (then (f32.store (i32.add (local.get $out) (local.get $at)) (local.get $f))))
      (local.set $sum (f64.add (local.get $sum) (f64.promote_f32 (f32.mul (local.get $f) (local.get $f)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (local.get $sum)
  )

  ;; out [n] = x [n] · factor, in float32.
  (func (export "scale") (param $x i32) (param $out i32) (param $n i32) (param $factor f32)
    (local $i i32) (local $at i32) (local $whole i32) (local $f v128)
    (local.set $whole (i32.and (local.get $n) (i32.const -4)))
    (local.set $f (f32x4.splat (local.get $factor)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $whole)))
      (local.set $at (i32.shl (local.get $i) (i32.const 2)))
      (v128.store align=4 (i32.add (local.get $out) (local.get $at))
        (f32x4.mul (v128.load align=4 (i32.add (local.get $x) (local.get $at))) (local.get $f)))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $next)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $at (i32.shl (local.get $i) (i32.const 2)))
      (f32.store (i32.add (local.get $out) (local.get $at))
        (f32.mul (f32.load (i32.add (local.get $x) (local.get $at))) (local.get $factor)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
  )
)
