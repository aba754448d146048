;; The places of up to 32 short anchors (2 to 4 bytes; each folded, then lower-case, or exact)
;; in a text, ASCII capitals folded for the folded ones, in one pass (issue 16;
;; engine/anchor-scan.ts runs it, scripts/anchor-wasm.mjs assembles it into anchor-scan-wasm.ts).
;;
;; The search is Teddy's (Hyperscan, and Rust's aho-corasick): table position k is in bucket
;; k % 8 (anchor-scan.ts chooses which anchors share one), and for each of the anchors' first
;; three bytes two 16-entry tables give the buckets whose byte there has that low and that high
;; nibble (a folded letter's high nibble in both cases, so capitals fold; every nibble past a
;; 2-byte anchor's end). Per 16 bytes of text: three loads, six swizzles, and a bucket byte per
;; offset; only offsets whose bucket byte is not zero are checked, each of the bucket's anchors
;; with one masked i32 compare (case-folded for a folded one). The text is read as it is, so
;; there is no lower-casing pass.
;;
;; Memory: the nibble tables at 0 (for byte j of the anchors, 0 to 2: the low-nibble table at
;; 32j, the high-nibble one at 32j + 16), 16 bytes of scratch at 96, position k's entry at
;; 256 + 16k (the anchor's bytes as a little-endian i32, the mask of its length, and 0x20 at its
;; letters when folded; an empty position has a value outside its mask, so nothing matches it),
;; the text at $in followed by at least 32 zero bytes, the places at $out as (k, offset) pairs
;; of i32, in ascending offset.
(module
  (memory (export "memory") 1)
  ;; Writes the places of the $n anchors in [$in, $in + $len) at $out; returns how many, or -1
  ;; when there are more than $capacity (the caller then searches another way).
  (func (export "scan") (param $in i32) (param $len i32) (param $out i32) (param $n i32) (param $capacity i32) (result i32)
    (local $p i32) (local $end i32) (local $v v128) (local $m v128) (local $nibble v128)
    (local $lo0 v128) (local $hi0 v128) (local $lo1 v128) (local $hi1 v128) (local $lo2 v128) (local $hi2 v128)
    (local $bits i32) (local $at i32) (local $bucket i32) (local $k i32) (local $entry i32)
    (local $word i32) (local $count i32)
    (local.set $lo0 (v128.load (i32.const 0)))
    (local.set $hi0 (v128.load (i32.const 16)))
    (local.set $lo1 (v128.load (i32.const 32)))
    (local.set $hi1 (v128.load (i32.const 48)))
    (local.set $lo2 (v128.load (i32.const 64)))
    (local.set $hi2 (v128.load (i32.const 80)))
    (local.set $nibble (i8x16.splat (i32.const 15)))
    (local.set $p (local.get $in))
    (local.set $end (i32.add (local.get $in) (local.get $len)))
    (block $done
      (loop $block
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        ;; The buckets each offset of this block may start an anchor of.
        (local.set $v (v128.load (local.get $p)))
        (local.set $m
          (v128.and
            (i8x16.swizzle (local.get $lo0) (v128.and (local.get $v) (local.get $nibble)))
            (i8x16.swizzle (local.get $hi0) (i8x16.shr_u (local.get $v) (i32.const 4)))))
        (local.set $v (v128.load offset=1 (local.get $p)))
        (local.set $m
          (v128.and (local.get $m)
            (v128.and
              (i8x16.swizzle (local.get $lo1) (v128.and (local.get $v) (local.get $nibble)))
              (i8x16.swizzle (local.get $hi1) (i8x16.shr_u (local.get $v) (i32.const 4))))))
        (local.set $v (v128.load offset=2 (local.get $p)))
        (local.set $m
          (v128.and (local.get $m)
            (v128.and
              (i8x16.swizzle (local.get $lo2) (v128.and (local.get $v) (local.get $nibble)))
              (i8x16.swizzle (local.get $hi2) (i8x16.shr_u (local.get $v) (i32.const 4))))))
        (if (v128.any_true (local.get $m))
          (then
            (v128.store (i32.const 96) (local.get $m))
            (local.set $bits (i8x16.bitmask (i8x16.ne (local.get $m) (v128.const i64x2 0 0))))
            ;; Each such offset, checked against its buckets' anchors whole.
            (block $offsets
              (loop $offset
                (br_if $offsets (i32.eqz (local.get $bits)))
                (local.set $at (i32.ctz (local.get $bits)))
                (local.set $bits (i32.and (local.get $bits) (i32.sub (local.get $bits) (i32.const 1))))
                (local.set $bucket (i32.load8_u offset=96 (local.get $at)))
                (local.set $at (i32.add (local.get $p) (local.get $at)))
                (local.set $word (i32.load (local.get $at)))
                (block $buckets
                  (loop $each
                    (br_if $buckets (i32.eqz (local.get $bucket)))
                    (local.set $k (i32.ctz (local.get $bucket)))
                    (local.set $bucket (i32.and (local.get $bucket) (i32.sub (local.get $bucket) (i32.const 1))))
                    ;; Positions k, k + 8, k + 16, ... share the bucket.
                    (block $pair
                      (loop $anchor
                        (br_if $pair (i32.ge_u (local.get $k) (local.get $n)))
                        (local.set $entry (i32.shl (local.get $k) (i32.const 4)))
                        (if (i32.eq
                              (i32.and
                                (i32.or (local.get $word) (i32.load offset=264 (local.get $entry)))
                                (i32.load offset=260 (local.get $entry)))
                              (i32.load offset=256 (local.get $entry)))
                          (then
                            (if (i32.ge_u (local.get $count) (local.get $capacity)) (then (return (i32.const -1))))
                            (i32.store (i32.add (local.get $out) (i32.shl (local.get $count) (i32.const 3))) (local.get $k))
                            (i32.store offset=4 (i32.add (local.get $out) (i32.shl (local.get $count) (i32.const 3)))
                              (i32.sub (local.get $at) (local.get $in)))
                            (local.set $count (i32.add (local.get $count) (i32.const 1)))))
                        (local.set $k (i32.add (local.get $k) (i32.const 8)))
                        (br $anchor)))
                    (br $each)))
                (br $offset)))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $block)))
    (local.get $count)))
