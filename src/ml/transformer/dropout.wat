;; Dropout on TF.js's wasm heap (see dropout.ts, which drives it and holds the same rule in JS for other backends):
;; out[i] = x[i] · (kept(i) ? scale : 0), where kept(i) depends only on i and the call's two keys. The mask is never
;; stored: the gradient is the same call on dy with the same keys. tf.dropout drew its noise in JS with seedrandom,
;; one number at a time, and then took Add, Floor, RealDiv and Multiply kernels (about 1 ms per [32, 50, 64], 8 ms of
;; a SASRec step; #23).
;;
;; kept(i): h = mix(mix(i + k1) ^ k2), kept when h >>> 8 (24 uniform bits) < threshold = round(keep · 2^24). mix is
;; lowbias32 (C. Wellons' hash prospector): a bijection on 32-bit integers with good avalanche, so each key pair gives
;; its own permutation of the counter, not a shifted copy of one stream.
;;
;; Pointers are byte offsets into the imported memory (the backend's own); floats are read as unaligned 4-float
;; vectors (a tensor is only 4-byte aligned), and the last n mod 4 one at a time, by the same rule.
(module
  (import "env" "memory" (memory 0))

  ;; include dropoutHash.wati

  ;; out [n] = x [n] · (kept ? scale : 0), as above. out may be x.
  (func (export "dropout") (param $x i32) (param $out i32) (param $n i32) (param $threshold i32) (param $scale f32) (param $k1 i32) (param $k2 i32)
    (local $i i32) (local $whole i32) (local $at i32) (local $counter v128) (local $h v128) (local $keep v128)
    (local $k1s v128) (local $k2s v128) (local $limit v128) (local $scales v128) (local $four v128)
    (local.set $whole (i32.and (local.get $n) (i32.const -4)))
    (local.set $counter (i32x4.add (v128.const i32x4 0 1 2 3) (i32x4.splat (local.get $k1))))
    (local.set $k2s (i32x4.splat (local.get $k2)))
    (local.set $limit (i32x4.splat (local.get $threshold)))
    (local.set $scales (f32x4.splat (local.get $scale)))
    (local.set $four (v128.const i32x4 4 4 4 4))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $whole)))
      (local.set $h (call $mix4 (v128.xor (call $mix4 (local.get $counter)) (local.get $k2s))))
      ;; h >>> 8 is below 2^24, so the signed comparison is the unsigned one.
      (local.set $keep (i32x4.lt_s (i32x4.shr_u (local.get $h) (i32.const 8)) (local.get $limit)))
      (local.set $at (i32.shl (local.get $i) (i32.const 2)))
      (v128.store align=4 (i32.add (local.get $out) (local.get $at))
        (f32x4.mul (v128.load align=4 (i32.add (local.get $x) (local.get $at))) (v128.and (local.get $keep) (local.get $scales))))
      (local.set $counter (i32x4.add (local.get $counter) (local.get $four)))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $next)))
    (block $tailDone (loop $tail
      (br_if $tailDone (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $at (i32.shl (local.get $i) (i32.const 2)))
      (f32.store align=4 (i32.add (local.get $out) (local.get $at))
        (f32.mul (f32.load align=4 (i32.add (local.get $x) (local.get $at)))
          (select (local.get $scale) (f32.const 0)
            (i32.lt_s
              (i32.shr_u (call $mix (i32.xor (call $mix (i32.add (local.get $i) (local.get $k1))) (local.get $k2))) (i32.const 8))
              (local.get $threshold)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $tail))))
)
