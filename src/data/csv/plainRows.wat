;; Plain rows of an events file, parsed straight from their bytes into the log's columns (see plainRows.ts, which
;; drives it and owns every allocation). A row is taken here only when the JS parser would take it the same way:
;; ASCII, no quote, the expected field count, ids of 1-7 printable bytes or 8-15-digit decimals without a leading
;; zero (packed in a table slot, as the JS interner packs them) or any other id up to the longest allowed (pooled), a
;; known event label, plain decimal or ISO times and plain decimal values. Any other row stops the parse at its first
;; byte with status BAIL, and the JS parser reads the rest of the file. Before a row's ids are interned every check
;; has passed, so a row either lands whole or leaves no trace. The module's tables are its own (the JS parser's need not
;; hash alike): only the order in which ids are first seen is shared.
;;
;; Settings and counters sit at fixed byte offsets (plainRows.ts names them in CONFIG); the byte classes at 256.
(module
  (memory (export "memory") 1)

  ;; Status of the last parse call (config 152).
  ;; 0 more input needed (or the input ended), 1 output full, 2 new event label (config 156/160: its byte range),
  ;; 3 table full (config 156: which), 4 bail, 5 new-id list full, 6 attribute list full, 7 attribute map full,
  ;; 8 pool full.

  ;; The JS interner's hash of a packed id (interner.ts packedHash).
  (func $packedHash (param $low i32) (param $high i32) (result i32)
    (local $h i32)
    (local.set $h (i32.mul (i32.xor (local.get $low) (i32.const 0x811c9dc5)) (i32.const 0x9e3779b1)))
    (local.set $h (i32.mul
      (i32.xor (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 15))) (local.get $high))
      (i32.const 0x85ebca77)))
    (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 13))))

  ;; An id's two packed words as one i64 (low | high << 32); -2 for an id the JS interner would pool rather than pack
  ;; (see $internLong); -1 for one the JS parser trims or rejects. The field's bytes are all printable here (the scan
  ;; stopped at anything else), so only length, edges and digits are checked.
  (func $pack (param $from i32) (param $to i32) (result i64)
    (local $len i32) (local $x i64) (local $i i32) (local $d i32) (local $v i64)
    (local.set $len (i32.sub (local.get $to) (local.get $from)))
    (if (i32.eqz (local.get $len)) (then (return (i64.const -1))))
    ;; The JS parser trims spaces around ids: leave such a row to it.
    (if (i32.or (i32.eq (i32.load8_u (local.get $from)) (i32.const 32))
                (i32.eq (i32.load8_u (i32.sub (local.get $to) (i32.const 1))) (i32.const 32)))
      (then (return (i64.const -1))))
    (if (i32.le_u (local.get $len) (i32.const 7))
      (then
        (local.set $x (i64.and (i64.load (local.get $from))
          (i64.sub (i64.shl (i64.const 1) (i64.extend_i32_u (i32.shl (local.get $len) (i32.const 3)))) (i64.const 1))))
        (return (i64.or (local.get $x) (i64.shl (i64.extend_i32_u (local.get $len)) (i64.const 56))))))
    (if (i32.gt_u (local.get $len) (i32.const 15)) (then (return (i64.const -2))))
    (if (i32.eq (i32.load8_u (local.get $from)) (i32.const 48)) (then (return (i64.const -2))))
    (local.set $i (local.get $from))
    (loop $digits
      (local.set $d (i32.sub (i32.load8_u (local.get $i)) (i32.const 48)))
      (if (i32.gt_u (local.get $d) (i32.const 9)) (then (return (i64.const -2))))
      (local.set $v (i64.add (i64.mul (local.get $v) (i64.const 10)) (i64.extend_i32_u (local.get $d))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $digits (i32.lt_u (local.get $i) (local.get $to))))
    ;; DECIMAL_TAG (0x10 << 24) with the value's bits above 32 in the high word.
    (i64.or (local.get $v) (i64.const 0x1000000000000000)))

  ;; The id of a packed key in table $t (config 52 + 16t: slots, mask, count, limit), inserted if new; a new id's
  ;; table and byte range go to the new-id list (config 100) for plainRows.ts to make its string.
  (func $intern (param $t i32) (param $key i64) (param $from i32) (param $to i32) (result i32)
    (local $base i32) (local $low i32) (local $high i32) (local $slot i32) (local $at i32) (local $idp i32)
    (local $id i32) (local $rec i32)
    (local.set $base (i32.add (i32.const 52) (i32.shl (local.get $t) (i32.const 4))))
    (local.set $low (i32.wrap_i64 (local.get $key)))
    (local.set $high (i32.wrap_i64 (i64.shr_u (local.get $key) (i64.const 32))))
    (local.set $slot (i32.and (call $packedHash (local.get $low) (local.get $high)) (i32.load offset=4 (local.get $base))))
    (loop $probe
      (local.set $at (i32.add (i32.load (local.get $base)) (i32.mul (local.get $slot) (i32.const 12))))
      (local.set $idp (i32.load (local.get $at)))
      (if (i32.eqz (local.get $idp))
        (then
          (local.set $id (i32.load offset=8 (local.get $base)))
          (i32.store (local.get $at) (i32.add (local.get $id) (i32.const 1)))
          (i32.store offset=4 (local.get $at) (local.get $low))
          (i32.store offset=8 (local.get $at) (local.get $high))
          (i32.store offset=8 (local.get $base) (i32.add (local.get $id) (i32.const 1)))
          (local.set $rec (i32.add (i32.load (i32.const 100)) (i32.mul (i32.load (i32.const 104)) (i32.const 12))))
          (i32.store (local.get $rec) (local.get $t))
          (i32.store offset=4 (local.get $rec) (local.get $from))
          (i32.store offset=8 (local.get $rec) (local.get $to))
          (i32.store (i32.const 104) (i32.add (i32.load (i32.const 104)) (i32.const 1)))
          (return (local.get $id))))
      (if (i32.and (i32.eq (i32.load offset=4 (local.get $at)) (local.get $low))
                   (i32.eq (i32.load offset=8 (local.get $at)) (local.get $high)))
        (then (return (i32.sub (local.get $idp) (i32.const 1)))))
      (local.set $slot (i32.and (i32.add (local.get $slot) (i32.const 1)) (i32.load offset=4 (local.get $base))))
      (br $probe))
    (unreachable))

  ;; A hash of the bytes [from, to), read a word at a time (the input and the pool are padded past their ends).
  (func $longHash (param $from i32) (param $to i32) (result i32)
    (local $h i32) (local $i i32) (local $w i32) (local $left i32)
    (local.set $h (i32.xor (i32.const 0x811c9dc5) (i32.sub (local.get $to) (local.get $from))))
    (local.set $i (local.get $from))
    (block $done
      (loop $words
        (local.set $left (i32.sub (local.get $to) (local.get $i)))
        (br_if $done (i32.le_s (local.get $left) (i32.const 0)))
        (local.set $w (i32.load (local.get $i)))
        (if (i32.lt_u (local.get $left) (i32.const 4))
          (then (local.set $w (i32.and (local.get $w)
            (i32.sub (i32.shl (i32.const 1) (i32.shl (local.get $left) (i32.const 3))) (i32.const 1))))))
        ;; MurmurHash3's step: the word mixed on its own, then joined to the chain.
        (local.set $w (i32.mul (i32.rotl (i32.mul (local.get $w) (i32.const 0xcc9e2d51)) (i32.const 15)) (i32.const 0x1b873593)))
        (local.set $h (i32.add (i32.mul (i32.rotl (i32.xor (local.get $h) (local.get $w)) (i32.const 13)) (i32.const 5))
          (i32.const 0xe6546b64)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $words)))
    (local.set $h (i32.mul (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))) (i32.const 0x85ebca6b)))
    (local.set $h (i32.mul (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 13))) (i32.const 0xc2b2ae35)))
    (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))))

  ;; The id of an id too long for a slot, in table $t: its slot holds id + 1, its entry's offset in the pool (config
  ;; 184: pointer, bytes used, capacity) and ~length (negative: never a packed high word). A pool entry is the hash,
  ;; then the bytes, padded to 4. Inserted if new, with its new-id record, as $intern.
  (func $internLong (param $t i32) (param $from i32) (param $to i32) (result i32)
    (local $base i32) (local $len i32) (local $h i32) (local $slot i32) (local $at i32) (local $idp i32)
    (local $entry i32) (local $k i32) (local $id i32) (local $rec i32) (local $used i32)
    (local.set $base (i32.add (i32.const 52) (i32.shl (local.get $t) (i32.const 4))))
    (local.set $len (i32.sub (local.get $to) (local.get $from)))
    (local.set $h (call $longHash (local.get $from) (local.get $to)))
    (local.set $slot (i32.and (local.get $h) (i32.load offset=4 (local.get $base))))
    (loop $probe
      (local.set $at (i32.add (i32.load (local.get $base)) (i32.mul (local.get $slot) (i32.const 12))))
      (local.set $idp (i32.load (local.get $at)))
      (if (i32.eqz (local.get $idp))
        (then
          (local.set $used (i32.load (i32.const 188)))
          (local.set $entry (i32.add (i32.load (i32.const 184)) (local.get $used)))
          (i32.store (local.get $entry) (local.get $h))
          (memory.copy (i32.add (local.get $entry) (i32.const 4)) (local.get $from) (local.get $len))
          (i32.store (i32.const 188)
            (i32.add (local.get $used) (i32.and (i32.add (local.get $len) (i32.const 7)) (i32.const -4))))
          (local.set $id (i32.load offset=8 (local.get $base)))
          (i32.store (local.get $at) (i32.add (local.get $id) (i32.const 1)))
          (i32.store offset=4 (local.get $at) (local.get $used))
          (i32.store offset=8 (local.get $at) (i32.xor (local.get $len) (i32.const -1)))
          (i32.store offset=8 (local.get $base) (i32.add (local.get $id) (i32.const 1)))
          (local.set $rec (i32.add (i32.load (i32.const 100)) (i32.mul (i32.load (i32.const 104)) (i32.const 12))))
          (i32.store (local.get $rec) (local.get $t))
          (i32.store offset=4 (local.get $rec) (local.get $from))
          (i32.store offset=8 (local.get $rec) (local.get $to))
          (i32.store (i32.const 104) (i32.add (i32.load (i32.const 104)) (i32.const 1)))
          (return (local.get $id))))
      (if (i32.eq (i32.load offset=8 (local.get $at)) (i32.xor (local.get $len) (i32.const -1)))
        (then
          (local.set $entry (i32.add (i32.add (i32.load (i32.const 184)) (i32.load offset=4 (local.get $at))) (i32.const 4)))
          ;; Compared 8 bytes at a time, the last word masked to the bytes left (both sides are padded past them).
          (local.set $k (i32.const 0))
          (block $differ
            (loop $words
              (if (i32.ge_u (local.get $k) (local.get $len)) (then (return (i32.sub (local.get $idp) (i32.const 1)))))
              (br_if $differ (i64.ne (i64.const 0)
                (i64.and
                  (i64.xor (i64.load (i32.add (local.get $entry) (local.get $k))) (i64.load (i32.add (local.get $from) (local.get $k))))
                  (if (result i64) (i32.ge_u (i32.sub (local.get $len) (local.get $k)) (i32.const 8))
                    (then (i64.const -1))
                    (else (i64.sub (i64.shl (i64.const 1)
                      (i64.extend_i32_u (i32.shl (i32.sub (local.get $len) (local.get $k)) (i32.const 3)))) (i64.const 1)))))))
              (local.set $k (i32.add (local.get $k) (i32.const 8)))
              (br $words)))))
      (local.set $slot (i32.and (i32.add (local.get $slot) (i32.const 1)) (i32.load offset=4 (local.get $base))))
      (br $probe))
    (unreachable))

  ;; The id of a key from $pack: packed, or pooled (-2).
  (func $id (param $t i32) (param $key i64) (param $from i32) (param $to i32) (result i32)
    (if (result i32) (i64.eq (local.get $key) (i64.const -2))
      (then (call $internLong (local.get $t) (local.get $from) (local.get $to)))
      (else (call $intern (local.get $t) (local.get $key) (local.get $from) (local.get $to)))))

  ;; Moves table $t's slots to a zeroed table at $to with mask $mask (plainRows.ts allocates it and updates config).
  (func (export "rehash") (param $t i32) (param $to i32) (param $mask i32)
    (local $base i32) (local $from i32) (local $end i32) (local $slot i32) (local $at i32)
    (local.set $base (i32.add (i32.const 52) (i32.shl (local.get $t) (i32.const 4))))
    (local.set $from (i32.load (local.get $base)))
    (local.set $end (i32.add (local.get $from)
      (i32.mul (i32.add (i32.load offset=4 (local.get $base)) (i32.const 1)) (i32.const 12))))
    (block $done
      (loop $slots
        (br_if $done (i32.ge_u (local.get $from) (local.get $end)))
        (if (i32.load (local.get $from))
          (then
            ;; A pooled id's hash was kept in its pool entry; a packed id's is computed again from its words.
            (local.set $slot (i32.and
              (if (result i32) (i32.lt_s (i32.load offset=8 (local.get $from)) (i32.const 0))
                (then (i32.load (i32.add (i32.load (i32.const 184)) (i32.load offset=4 (local.get $from)))))
                (else (call $packedHash (i32.load offset=4 (local.get $from)) (i32.load offset=8 (local.get $from)))))
              (local.get $mask)))
            (loop $free
              (local.set $at (i32.add (local.get $to) (i32.mul (local.get $slot) (i32.const 12))))
              (if (i32.load (local.get $at))
                (then
                  (local.set $slot (i32.and (i32.add (local.get $slot) (i32.const 1)) (local.get $mask)))
                  (br $free))))
            (i32.store (local.get $at) (i32.load (local.get $from)))
            (i32.store offset=4 (local.get $at) (i32.load offset=4 (local.get $from)))
            (i32.store offset=8 (local.get $at) (i32.load offset=8 (local.get $from)))))
        (local.set $from (i32.add (local.get $from) (i32.const 12)))
        (br $slots))))

  ;; cells.ts simpleDecimal: -?digits[.digits], 1-15 digits, the same double arithmetic; NaN for anything else.
  (func $decimal (param $from i32) (param $to i32) (result f64)
    (local $i i32) (local $neg i32) (local $m f64) (local $digits i32) (local $scale i32) (local $c i32)
    (local $p f64) (local $k i32)
    (local.set $i (local.get $from))
    (local.set $scale (i32.const -1))
    (if (i32.and (i32.lt_u (local.get $i) (local.get $to)) (i32.eq (i32.load8_u (local.get $i)) (i32.const 45)))
      (then (local.set $neg (i32.const 1)) (local.set $i (i32.add (local.get $i) (i32.const 1)))))
    (block $done
      (loop $chars
        (br_if $done (i32.ge_u (local.get $i) (local.get $to)))
        (local.set $c (i32.load8_u (local.get $i)))
        (if (i32.le_u (i32.sub (local.get $c) (i32.const 48)) (i32.const 9))
          (then
            (local.set $m (f64.add (f64.mul (local.get $m) (f64.const 10))
              (f64.convert_i32_u (i32.sub (local.get $c) (i32.const 48)))))
            (local.set $digits (i32.add (local.get $digits) (i32.const 1))))
          (else
            (if (i32.and (i32.eq (local.get $c) (i32.const 46)) (i32.lt_s (local.get $scale) (i32.const 0)))
              (then (local.set $scale (local.get $digits)))
              (else (return (f64.const nan))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $chars)))
    (if (i32.or (i32.eqz (local.get $digits)) (i32.gt_u (local.get $digits) (i32.const 15))) (then (return (f64.const nan))))
    (if (i32.ge_s (local.get $scale) (i32.const 0))
      (then
        ;; 10^k by repeated multiplication: exact up to 10^15, so the one division rounds as the JS one does.
        (local.set $p (f64.const 1))
        (local.set $k (i32.sub (local.get $digits) (local.get $scale)))
        (block $pdone
          (loop $pow
            (br_if $pdone (i32.eqz (local.get $k)))
            (local.set $p (f64.mul (local.get $p) (f64.const 10)))
            (local.set $k (i32.sub (local.get $k) (i32.const 1)))
            (br $pow)))
        (local.set $m (f64.div (local.get $m) (local.get $p)))))
    (if (result f64) (local.get $neg) (then (f64.neg (local.get $m))) (else (local.get $m))))

  ;; Two decimal digits at $at, or -1.
  (func $two (param $at i32) (result i32)
    (local $a i32) (local $b i32)
    (local.set $a (i32.sub (i32.load8_u (local.get $at)) (i32.const 48)))
    (local.set $b (i32.sub (i32.load8_u offset=1 (local.get $at)) (i32.const 48)))
    (if (result i32) (i32.or (i32.gt_u (local.get $a) (i32.const 9)) (i32.gt_u (local.get $b) (i32.const 9)))
      (then (i32.const -1))
      (else (i32.add (i32.mul (local.get $a) (i32.const 10)) (local.get $b)))))

  ;; timestamps.ts isoInPlace, the same checks and the same double arithmetic: `YYYY-MM-DD`, then optionally
  ;; `[T ]HH:MM[:SS[.fff]]` and `Z`, `UTC`, `GMT` or nothing (with or without a space). NaN for anything else, which
  ;; leaves the row to the JS parser (whose fallback, parseIsoLike, reads more shapes).
  (func $iso (param $from i32) (param $to i32) (result f64)
    (local $y i32) (local $mo i32) (local $d i32) (local $h i32) (local $mi i32) (local $s i32) (local $sec f64)
    (local $i i32) (local $c i32) (local $frac i32) (local $scale i32) (local $dim i32) (local $yy i32) (local $era i32)
    (local $yoe i32) (local $days i32) (local $zone i32) (local $hi i32) (local $lo i32)
    (if (i32.lt_s (i32.sub (local.get $to) (local.get $from)) (i32.const 10)) (then (return (f64.const nan))))
    (if (i32.or (i32.ne (i32.load8_u offset=4 (local.get $from)) (i32.const 45))
                (i32.ne (i32.load8_u offset=7 (local.get $from)) (i32.const 45)))
      (then (return (f64.const nan))))
    (local.set $hi (call $two (local.get $from)))
    (local.set $lo (call $two (i32.add (local.get $from) (i32.const 2))))
    (local.set $mo (call $two (i32.add (local.get $from) (i32.const 5))))
    (local.set $d (call $two (i32.add (local.get $from) (i32.const 8))))
    (if (i32.or (i32.or (i32.lt_s (local.get $hi) (i32.const 0)) (i32.lt_s (local.get $lo) (i32.const 0)))
                (i32.or (i32.lt_s (local.get $mo) (i32.const 1)) (i32.gt_s (local.get $mo) (i32.const 12))))
      (then (return (f64.const nan))))
    (if (i32.lt_s (local.get $d) (i32.const 1)) (then (return (f64.const nan))))
    (local.set $y (i32.add (i32.mul (local.get $hi) (i32.const 100)) (local.get $lo)))
    ;; Days in the month: 31, 28 (29 in a leap year), 31, 30, … 31.
    (local.set $dim (i32.sub (i32.const 31) (i32.rem_u (i32.rem_u (i32.sub (local.get $mo) (i32.const 1)) (i32.const 7)) (i32.const 2))))
    (if (i32.eq (local.get $mo) (i32.const 2))
      (then
        (local.set $dim (i32.const 28))
        (if (i32.and (i32.eqz (i32.rem_u (local.get $y) (i32.const 4)))
                     (i32.or (i32.ne (i32.rem_u (local.get $y) (i32.const 100)) (i32.const 0))
                             (i32.eqz (i32.rem_u (local.get $y) (i32.const 400)))))
          (then (local.set $dim (i32.const 29))))))
    (if (i32.gt_s (local.get $d) (local.get $dim)) (then (return (f64.const nan))))
    (local.set $i (i32.add (local.get $from) (i32.const 10)))
    (if (i32.lt_u (local.get $i) (local.get $to))
      (then
        (local.set $c (i32.load8_u (local.get $i)))
        (if (i32.or (i32.eq (local.get $c) (i32.const 84)) (i32.eq (local.get $c) (i32.const 32)))
          (then
            (if (i32.gt_u (i32.add (local.get $i) (i32.const 6)) (local.get $to)) (then (return (f64.const nan))))
            (if (i32.ne (i32.load8_u offset=3 (local.get $i)) (i32.const 58)) (then (return (f64.const nan))))
            (local.set $h (call $two (i32.add (local.get $i) (i32.const 1))))
            (local.set $mi (call $two (i32.add (local.get $i) (i32.const 4))))
            (local.set $i (i32.add (local.get $i) (i32.const 6)))
            (if (i32.and (i32.le_u (i32.add (local.get $i) (i32.const 3)) (local.get $to))
                         (i32.eq (i32.load8_u (local.get $i)) (i32.const 58)))
              (then
                (local.set $s (call $two (i32.add (local.get $i) (i32.const 1))))
                (if (i32.lt_s (local.get $s) (i32.const 0)) (then (return (f64.const nan))))
                (local.set $sec (f64.convert_i32_s (local.get $s)))
                (local.set $i (i32.add (local.get $i) (i32.const 3)))
                (if (i32.lt_u (local.get $i) (local.get $to))
                  (then
                    (local.set $c (i32.load8_u (local.get $i)))
                    (if (i32.or (i32.eq (local.get $c) (i32.const 46)) (i32.eq (local.get $c) (i32.const 44)))
                      (then
                        (local.set $scale (i32.const 1))
                        (local.set $i (i32.add (local.get $i) (i32.const 1)))
                        (block $fracDone
                          (loop $digits
                            (br_if $fracDone (i32.ge_u (local.get $i) (local.get $to)))
                            (local.set $c (i32.sub (i32.load8_u (local.get $i)) (i32.const 48)))
                            (br_if $fracDone (i32.gt_u (local.get $c) (i32.const 9)))
                            (if (i32.lt_s (local.get $scale) (i32.const 1000000))
                              (then
                                (local.set $frac (i32.add (i32.mul (local.get $frac) (i32.const 10)) (local.get $c)))
                                (local.set $scale (i32.mul (local.get $scale) (i32.const 10)))))
                            (local.set $i (i32.add (local.get $i) (i32.const 1)))
                            (br $digits)))
                        (local.set $sec (f64.add (local.get $sec)
                          (f64.div (f64.convert_i32_s (local.get $frac)) (f64.convert_i32_s (local.get $scale)))))))))))
            (if (i32.or (i32.or (i32.lt_s (local.get $h) (i32.const 0)) (i32.gt_s (local.get $h) (i32.const 23)))
                        (i32.or (i32.lt_s (local.get $mi) (i32.const 0)) (i32.gt_s (local.get $mi) (i32.const 59))))
              (then (return (f64.const nan))))
            (if (i32.eqz (f64.lt (local.get $sec) (f64.const 61))) (then (return (f64.const nan))))))))
    (if (i32.and (i32.lt_u (local.get $i) (local.get $to)) (i32.eq (i32.load8_u (local.get $i)) (i32.const 32)))
      (then (local.set $i (i32.add (local.get $i) (i32.const 1)))))
    (local.set $zone (i32.sub (local.get $to) (local.get $i)))
    (if (i32.eqz
          (i32.or (i32.eqz (local.get $zone))
            (i32.or
              (i32.and (i32.eq (local.get $zone) (i32.const 1)) (i32.eq (i32.load8_u (local.get $i)) (i32.const 90)))
              (i32.and (i32.eq (local.get $zone) (i32.const 3))
                (i32.or
                  (i32.eq (i32.and (i32.load (local.get $i)) (i32.const 0xffffff)) (i32.const 0x435455))
                  (i32.eq (i32.and (i32.load (local.get $i)) (i32.const 0xffffff)) (i32.const 0x544d47)))))))
      (then (return (f64.const nan))))
    ;; H. Hinnant's days_from_civil, with floor division for the year before 0000-03-01.
    (local.set $yy (select (i32.sub (local.get $y) (i32.const 1)) (local.get $y) (i32.le_s (local.get $mo) (i32.const 2))))
    (local.set $era (i32.div_s (select (local.get $yy) (i32.sub (local.get $yy) (i32.const 399)) (i32.ge_s (local.get $yy) (i32.const 0)))
      (i32.const 400)))
    (local.set $yoe (i32.sub (local.get $yy) (i32.mul (local.get $era) (i32.const 400))))
    (local.set $days (i32.add
      (i32.add (i32.mul (local.get $era) (i32.const 146097)) (i32.mul (local.get $yoe) (i32.const 365)))
      (i32.sub (i32.sub (i32.div_u (local.get $yoe) (i32.const 4)) (i32.div_u (local.get $yoe) (i32.const 100)))
        (i32.const 719468))))
    (local.set $days (i32.add (local.get $days)
      (i32.sub (i32.add (i32.div_u
        (i32.add (i32.mul (i32.const 153)
          (i32.add (local.get $mo) (select (i32.const -3) (i32.const 9) (i32.gt_s (local.get $mo) (i32.const 2)))))
          (i32.const 2))
        (i32.const 5)) (local.get $d)) (i32.const 1))))
    (f64.div
      (f64.add
        (f64.mul
          (f64.add (f64.mul (f64.add (f64.mul (f64.convert_i32_s (local.get $days)) (f64.const 24)) (f64.convert_i32_s (local.get $h)))
            (f64.const 60)) (f64.convert_i32_s (local.get $mi)))
          (f64.const 60000))
        (f64.mul (local.get $sec) (f64.const 1000)))
      (f64.const 1000)))

  ;; sampleUsers.ts hashRange over the bytes [from, to) (ASCII: each byte is its UTF-16 unit), seeded by config 200.
  (func $sampleHash (param $from i32) (param $to i32) (result i32)
    (local $h i32)
    (local.set $h (i32.load (i32.const 200)))
    (block $done
      (loop $bytes
        (br_if $done (i32.ge_u (local.get $from) (local.get $to)))
        (local.set $h (i32.mul (i32.xor (local.get $h) (i32.load8_u (local.get $from))) (i32.const 0x01000193)))
        (local.set $from (i32.add (local.get $from) (i32.const 1)))
        (br $bytes)))
    (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))))
    (local.set $h (i32.mul (local.get $h) (i32.const 0x85ebca6b)))
    (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 13))))
    (local.set $h (i32.mul (local.get $h) (i32.const 0xc2b2ae35)))
    (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))))

  ;; The index of an event label among those plainRows.ts registered (config 112: entries of 32 bytes: length, the
  ;; label's 16 bytes zero-padded, its event type), or -1.
  (func $label (param $from i32) (param $to i32) (result i32)
    (local $len i32) (local $a i64) (local $b i64) (local $at i32) (local $end i32)
    (local.set $len (i32.sub (local.get $to) (local.get $from)))
    (if (i32.or (i32.eqz (local.get $len)) (i32.gt_u (local.get $len) (i32.const 16))) (then (return (i32.const -1))))
    (if (i32.le_u (local.get $len) (i32.const 8))
      (then
        (local.set $a (i64.and (i64.load (local.get $from))
          (i64.shr_u (i64.const -1) (i64.extend_i32_u (i32.shl (i32.sub (i32.const 8) (local.get $len)) (i32.const 3)))))))
      (else
        (local.set $a (i64.load (local.get $from)))
        (local.set $b (i64.and (i64.load offset=8 (local.get $from))
          (i64.shr_u (i64.const -1) (i64.extend_i32_u (i32.shl (i32.sub (i32.const 16) (local.get $len)) (i32.const 3))))))))
    (local.set $at (i32.load (i32.const 112)))
    (local.set $end (i32.add (local.get $at) (i32.shl (i32.load (i32.const 116)) (i32.const 5))))
    (block $none
      (loop $entries
        (br_if $none (i32.ge_u (local.get $at) (local.get $end)))
        (if (i32.and (i32.eq (i32.load (local.get $at)) (local.get $len))
              (i32.and (i64.eq (i64.load offset=8 (local.get $at)) (local.get $a))
                       (i64.eq (i64.load offset=16 (local.get $at)) (local.get $b))))
          (then (return (i32.load offset=24 (local.get $at)))))
        (local.set $at (i32.add (local.get $at) (i32.const 32)))
        (br $entries)))
    (i32.const -1))

  (func $stop (param $status i32) (param $pos i32) (result i32)
    (i32.store (i32.const 152) (local.get $status))
    (local.get $pos))

  ;; Parses whole rows of [pos, end) (the last line may lack its break when $last) until a status stops it; returns
  ;; where it stopped: the start of the first row not taken.
  (func (export "parse") (param $pos i32) (param $end i32) (param $last i32) (result i32)
    (local $width i32) (local $crlf i32) (local $kinds i32) (local $nattr i32)
    (local $i i32) (local $f i32) (local $from i32) (local $c i32) (local $cls i32) (local $lineEnd i32) (local $next i32)
    (local $kind i32) (local $row i32) (local $t i32)
    (local $userKey i64) (local $itemKey i64) (local $sessionKey i64) (local $event i32) (local $time f64) (local $value f64)
    (local $user i32) (local $item i32) (local $session i32) (local $rec i32) (local $k i32) (local $cells i32)
    (local.set $width (i32.load (i32.const 0)))
    (local.set $crlf (i32.load (i32.const 4)))
    (local.set $kinds (i32.load (i32.const 12)))
    (local.set $nattr (i32.load (i32.const 140)))
    (loop $rows
      (if (i32.ge_u (local.get $pos) (local.get $end)) (then (return (call $stop (i32.const 0) (local.get $pos)))))
      ;; Room for one more row everywhere it may write, checked before it is read.
      (if (i32.ge_u (i32.load (i32.const 24)) (i32.load (i32.const 20))) (then (return (call $stop (i32.const 1) (local.get $pos)))))
      (local.set $t (i32.const 0))
      (loop $tables
        (if (i32.ge_u (i32.load (i32.add (i32.const 60) (i32.shl (local.get $t) (i32.const 4))))
                      (i32.load (i32.add (i32.const 64) (i32.shl (local.get $t) (i32.const 4)))))
          (then (i32.store (i32.const 156) (local.get $t)) (return (call $stop (i32.const 3) (local.get $pos)))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br_if $tables (i32.lt_u (local.get $t) (i32.const 3))))
      (if (i32.gt_u (i32.add (i32.load (i32.const 104)) (i32.const 3)) (i32.load (i32.const 108)))
        (then (return (call $stop (i32.const 5) (local.get $pos)))))
      ;; Three ids of up to the longest allowed (config 212), each with its hash and padding.
      (if (i32.gt_u (i32.add (i32.load (i32.const 188)) (i32.mul (i32.add (i32.load (i32.const 212)) (i32.const 8)) (i32.const 3)))
                    (i32.load (i32.const 192)))
        (then (return (call $stop (i32.const 8) (local.get $pos)))))
      (if (local.get $nattr)
        (then
          (if (i32.ge_u (i32.load (i32.const 132)) (i32.load (i32.const 136))) (then (return (call $stop (i32.const 6) (local.get $pos)))))
          (if (i32.ge_u (i32.load (i32.const 76)) (i32.load (i32.const 124))) (then (return (call $stop (i32.const 7) (local.get $pos)))))))

      ;; A blank line: counted and skipped, as the JS scanner does.
      (local.set $c (i32.load8_u (local.get $pos)))
      (if (i32.eq (local.get $c) (i32.const 10))
        (then
          (if (local.get $crlf) (then (return (call $stop (i32.const 4) (local.get $pos)))))
          (i32.store (i32.const 144) (i32.add (i32.load (i32.const 144)) (i32.const 1)))
          (i32.store (i32.const 148) (i32.add (i32.load (i32.const 148)) (i32.const 1)))
          (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
          (br $rows)))
      (if (i32.and (local.get $crlf) (i32.eq (local.get $c) (i32.const 13)))
        (then
          (if (i32.ge_u (i32.add (local.get $pos) (i32.const 1)) (local.get $end))
            (then (return (call $stop (select (i32.const 4) (i32.const 0) (local.get $last)) (local.get $pos)))))
          (if (i32.ne (i32.load8_u offset=1 (local.get $pos)) (i32.const 10)) (then (return (call $stop (i32.const 4) (local.get $pos)))))
          (i32.store (i32.const 144) (i32.add (i32.load (i32.const 144)) (i32.const 1)))
          (i32.store (i32.const 148) (i32.add (i32.load (i32.const 148)) (i32.const 1)))
          (local.set $pos (i32.add (local.get $pos) (i32.const 2)))
          (br $rows)))

      ;; The fields: each mapped one's range goes to the scratch slots at 512 + 8·kind.
      (local.set $f (i32.const 0))
      (local.set $from (local.get $pos))
      (local.set $i (local.get $pos))
      (block $lineDone
        (loop $bytes
          (if (i32.ge_u (local.get $i) (local.get $end))
            (then
              (if (i32.eqz (local.get $last)) (then (return (call $stop (i32.const 0) (local.get $pos)))))
              (local.set $lineEnd (local.get $end))
              (local.set $next (local.get $end))
              (br $lineDone)))
          (local.set $cls (i32.load8_u offset=256 (i32.load8_u (local.get $i))))
          (if (i32.eqz (local.get $cls)) (then (local.set $i (i32.add (local.get $i) (i32.const 1))) (br $bytes)))
          (if (i32.eq (local.get $cls) (i32.const 1))
            (then
              (if (i32.lt_u (local.get $f) (local.get $width))
                (then
                  (local.set $kind (i32.load8_u (i32.add (local.get $kinds) (local.get $f))))
                  (i32.store offset=512 (i32.shl (local.get $kind) (i32.const 3)) (local.get $from))
                  (i32.store offset=516 (i32.shl (local.get $kind) (i32.const 3)) (local.get $i))))
              (local.set $f (i32.add (local.get $f) (i32.const 1)))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (local.set $from (local.get $i))
              (br $bytes)))
          (if (i32.and (i32.eq (local.get $cls) (i32.const 2)) (i32.eqz (local.get $crlf)))
            (then (local.set $lineEnd (local.get $i)) (local.set $next (i32.add (local.get $i) (i32.const 1))) (br $lineDone)))
          (if (i32.and (i32.eq (local.get $cls) (i32.const 3)) (local.get $crlf))
            (then
              (if (i32.ge_u (i32.add (local.get $i) (i32.const 1)) (local.get $end))
                (then (return (call $stop (select (i32.const 4) (i32.const 0) (local.get $last)) (local.get $pos)))))
              (if (i32.eq (i32.load8_u offset=1 (local.get $i)) (i32.const 10))
                (then (local.set $lineEnd (local.get $i)) (local.set $next (i32.add (local.get $i) (i32.const 2))) (br $lineDone)))))
          ;; A quote, a byte above 127, a control character, a line break the dialect does not use.
          (return (call $stop (i32.const 4) (local.get $pos)))))
      (if (i32.lt_u (local.get $f) (local.get $width))
        (then
          (local.set $kind (i32.load8_u (i32.add (local.get $kinds) (local.get $f))))
          (i32.store offset=512 (i32.shl (local.get $kind) (i32.const 3)) (local.get $from))
          (i32.store offset=516 (i32.shl (local.get $kind) (i32.const 3)) (local.get $lineEnd))))
      (if (i32.ne (i32.add (local.get $f) (i32.const 1)) (local.get $width)) (then (return (call $stop (i32.const 4) (local.get $pos)))))
      (if (i32.gt_u (i32.sub (local.get $lineEnd) (local.get $pos)) (i32.load (i32.const 8)))
        (then (return (call $stop (i32.const 4) (local.get $pos)))))

      ;; Every check before any id is interned (kinds: 1 user, 2 item, 3 event, 4 time, 5 value, 6 session).
      ;; Ids: packed keys, or -2 for ids kept in the pool (up to config 212's length: ingestEvents' MAX_ID_LENGTH).
      (local.set $userKey (call $pack (i32.load (i32.const 520)) (i32.load (i32.const 524))))
      (if (i64.eq (local.get $userKey) (i64.const -1)) (then (return (call $stop (i32.const 4) (local.get $pos)))))
      (if (i32.and (i64.eq (local.get $userKey) (i64.const -2))
                   (i32.gt_u (i32.sub (i32.load (i32.const 524)) (i32.load (i32.const 520))) (i32.load (i32.const 212))))
        (then (return (call $stop (i32.const 4) (local.get $pos)))))
      ;; Sampling by users (config 196: on; 204: kept when the hash is below it), where the JS parser samples: after
      ;; the user's own checks and before any other. A row left out is counted (config 208) and nothing more is read.
      (if (i32.load (i32.const 196))
        (then
          (if (i32.ge_u (call $sampleHash (i32.load (i32.const 520)) (i32.load (i32.const 524))) (i32.load (i32.const 204)))
            (then
              (i32.store (i32.const 208) (i32.add (i32.load (i32.const 208)) (i32.const 1)))
              (i32.store (i32.const 144) (i32.add (i32.load (i32.const 144)) (i32.const 1)))
              (local.set $pos (local.get $next))
              (br $rows)))))
      (local.set $itemKey (call $pack (i32.load (i32.const 528)) (i32.load (i32.const 532))))
      (if (i64.eq (local.get $itemKey) (i64.const -1)) (then (return (call $stop (i32.const 4) (local.get $pos)))))
      (if (i32.and (i64.eq (local.get $itemKey) (i64.const -2))
                   (i32.gt_u (i32.sub (i32.load (i32.const 532)) (i32.load (i32.const 528))) (i32.load (i32.const 212))))
        (then (return (call $stop (i32.const 4) (local.get $pos)))))
      (local.set $event (i32.load (i32.const 168)))
      (if (i32.load (i32.const 172))
        (then
          (local.set $event (call $label (i32.load (i32.const 536)) (i32.load (i32.const 540))))
          (if (i32.lt_s (local.get $event) (i32.const 0))
            (then
              (i32.store (i32.const 156) (i32.load (i32.const 536)))
              (i32.store (i32.const 160) (i32.load (i32.const 540)))
              (return (call $stop (i32.const 2) (local.get $pos)))))))
      (local.set $time (f64.const nan))
      (if (i32.load (i32.const 16))
        (then
          (if (i32.eq (i32.load (i32.const 16)) (i32.const 3))
            (then
              ;; ISO times are taken as read (timestamps.ts parseTimeRange applies no range to them).
              (local.set $time (call $iso (i32.load (i32.const 544)) (i32.load (i32.const 548))))
              (if (f64.ne (local.get $time) (local.get $time)) (then (return (call $stop (i32.const 4) (local.get $pos))))))
            (else
              (local.set $time (call $decimal (i32.load (i32.const 544)) (i32.load (i32.const 548))))
              (if (i32.eq (i32.load (i32.const 16)) (i32.const 2))
                (then (local.set $time (f64.div (local.get $time) (f64.const 1000)))))
              ;; timestamps.ts unixSeconds: 0 to 8.64e12 seconds, else the JS parser rejects the row.
              (if (i32.eqz (i32.and (f64.ge (local.get $time) (f64.const 0)) (f64.le (local.get $time) (f64.const 8.64e12))))
                (then (return (call $stop (i32.const 4) (local.get $pos)))))))))
      (local.set $value (f64.const nan))
      (if (i32.load (i32.const 176))
        (then
          (if (i32.lt_u (i32.load (i32.const 552)) (i32.load (i32.const 556)))
            (then
              (local.set $value (call $decimal (i32.load (i32.const 552)) (i32.load (i32.const 556))))
              (if (f64.ne (local.get $value) (local.get $value)) (then (return (call $stop (i32.const 4) (local.get $pos)))))))))
      (local.set $sessionKey (i64.const -3))
      (if (i32.load (i32.const 180))
        (then
          (if (i32.lt_u (i32.load (i32.const 560)) (i32.load (i32.const 564)))
            (then
              (local.set $sessionKey (call $pack (i32.load (i32.const 560)) (i32.load (i32.const 564))))
              (if (i64.eq (local.get $sessionKey) (i64.const -1)) (then (return (call $stop (i32.const 4) (local.get $pos)))))
              (if (i32.and (i64.eq (local.get $sessionKey) (i64.const -2))
                           (i32.gt_u (i32.sub (i32.load (i32.const 564)) (i32.load (i32.const 560))) (i32.load (i32.const 212))))
                (then (return (call $stop (i32.const 4) (local.get $pos)))))))))

      ;; The row lands: ids interned in the JS parser's order (session, user, item), then every column written.
      (local.set $session (i32.const -1))
      (if (i64.ne (local.get $sessionKey) (i64.const -3))
        (then (local.set $session (call $id (i32.const 2) (local.get $sessionKey) (i32.load (i32.const 560)) (i32.load (i32.const 564))))))
      (local.set $user (call $id (i32.const 0) (local.get $userKey) (i32.load (i32.const 520)) (i32.load (i32.const 524))))
      (local.set $item (call $id (i32.const 1) (local.get $itemKey) (i32.load (i32.const 528)) (i32.load (i32.const 532))))
      (local.set $row (i32.load (i32.const 24)))
      (i32.store (i32.add (i32.load (i32.const 28)) (i32.shl (local.get $row) (i32.const 2))) (local.get $user))
      (i32.store (i32.add (i32.load (i32.const 32)) (i32.shl (local.get $row) (i32.const 2))) (local.get $item))
      (i32.store8 (i32.add (i32.load (i32.const 36)) (local.get $row)) (local.get $event))
      (f64.store (i32.add (i32.load (i32.const 40)) (i32.shl (local.get $row) (i32.const 3))) (local.get $time))
      (f32.store (i32.add (i32.load (i32.const 44)) (i32.shl (local.get $row) (i32.const 2))) (f32.demote_f64 (local.get $value)))
      (i32.store (i32.add (i32.load (i32.const 48)) (i32.shl (local.get $row) (i32.const 2))) (local.get $session))
      (i32.store (i32.const 24) (i32.add (local.get $row) (i32.const 1)))
      ;; Attribute cells (kinds 8 + k) for the JS catalog collector, when one of them could fill an attribute it does
      ;; not hold yet for the item: a non-empty cell k where bit k of the item's byte in the map at config 120 is clear.
      (if (local.get $nattr)
        (then
          (local.set $k (i32.const 0))
          (local.set $cells (i32.const 0))
          (loop $cellLoop
            (if (i32.lt_u (i32.load offset=576 (i32.shl (local.get $k) (i32.const 3)))
                          (i32.load offset=580 (i32.shl (local.get $k) (i32.const 3))))
              (then (local.set $cells (i32.or (local.get $cells) (i32.shl (i32.const 1) (local.get $k))))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br_if $cellLoop (i32.lt_u (local.get $k) (local.get $nattr))))
          (if (i32.and (local.get $cells)
                (i32.xor (i32.load8_u (i32.add (i32.load (i32.const 120)) (local.get $item))) (i32.const -1)))
            (then
              (local.set $rec (i32.add (i32.load (i32.const 128))
                (i32.mul (i32.load (i32.const 132)) (i32.const 36))))
              (i32.store (local.get $rec) (local.get $item))
              (local.set $k (i32.const 0))
              (loop $attrs
                (i32.store offset=4 (i32.add (local.get $rec) (i32.shl (local.get $k) (i32.const 3)))
                  (i32.load offset=576 (i32.shl (local.get $k) (i32.const 3))))
                (i32.store offset=8 (i32.add (local.get $rec) (i32.shl (local.get $k) (i32.const 3)))
                  (i32.load offset=580 (i32.shl (local.get $k) (i32.const 3))))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br_if $attrs (i32.lt_u (local.get $k) (local.get $nattr))))
              (i32.store (i32.const 132) (i32.add (i32.load (i32.const 132)) (i32.const 1)))))))
      (i32.store (i32.const 144) (i32.add (i32.load (i32.const 144)) (i32.const 1)))
      (local.set $pos (local.get $next))
      (br $rows))
    (unreachable))
)
