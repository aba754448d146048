;; The places of up to 16 short anchors (2 to 4 bytes) in an ASCII text, in one pass (issue 16;
;; engine/anchor-scan.ts runs it, scripts/anchor-wasm.mjs assembles it into anchor-scan-wasm.ts).
;;
;; Memory: the anchor table at 0 (for anchor k: at 16k a 16-byte splat of its first byte, at
;; 256 + 16k one of its second byte, at 512 + 8k its bytes as a little-endian i32 and the mask
;; of its length), the text at $in followed by at least 16 zero bytes, the places at $out as
;; (k, offset) pairs of i32, in ascending offset.
(module
  (memory (export "memory") 1)
  ;; Lower-cases the ASCII capitals of [$in, $in + $len) in place, 16 bytes at a time (the text
  ;; is padded, so the last block may run past $len into the zeros).
  (func (export "lower") (param $in i32) (param $len i32)
    (local $p i32) (local $end i32) (local $v v128) (local $capital v128)
    (local.set $p (local.get $in))
    (local.set $end (i32.add (local.get $in) (local.get $len)))
    (block $done
      (loop $block
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $v (v128.load (local.get $p)))
        (local.set $capital
          (v128.and
            (i8x16.ge_u (local.get $v) (i8x16.splat (i32.const 65)))
            (i8x16.le_u (local.get $v) (i8x16.splat (i32.const 90)))))
        (v128.store (local.get $p)
          (v128.or (local.get $v) (v128.and (local.get $capital) (i8x16.splat (i32.const 32)))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $block))))
  ;; Writes the places of the $n anchors in [$in, $in + $len) at $out; returns how many, or -1
  ;; when there are more than $capacity (the caller then searches another way).
  (func (export "scan") (param $in i32) (param $len i32) (param $out i32) (param $n i32) (param $capacity i32) (result i32)
    (local $p i32) (local $end i32) (local $v0 v128) (local $v1 v128) (local $any v128)
    (local $bits i32) (local $k i32) (local $at i32) (local $word i32) (local $count i32)
    (local.set $p (local.get $in))
    (local.set $end (i32.add (local.get $in) (local.get $len)))
    (block $done
      (loop $block
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        ;; Offsets in this block where some anchor's first two bytes are.
        (local.set $v0 (v128.load (local.get $p)))
        (local.set $v1 (v128.load offset=1 (local.get $p)))
        (local.set $any (v128.const i64x2 0 0))
        (local.set $k (i32.const 0))
        (block $anchors
          (loop $anchor
            (br_if $anchors (i32.ge_u (local.get $k) (local.get $n)))
            (local.set $any
              (v128.or (local.get $any)
                (v128.and
                  (i8x16.eq (local.get $v0) (v128.load (i32.shl (local.get $k) (i32.const 4))))
                  (i8x16.eq (local.get $v1) (v128.load offset=256 (i32.shl (local.get $k) (i32.const 4)))))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $anchor)))
        (local.set $bits (i8x16.bitmask (local.get $any)))
        ;; Each such offset, checked against every anchor whole (one masked load).
        (block $offsets
          (loop $offset
            (br_if $offsets (i32.eqz (local.get $bits)))
            (local.set $at (i32.add (local.get $p) (i32.ctz (local.get $bits))))
            (local.set $bits (i32.and (local.get $bits) (i32.sub (local.get $bits) (i32.const 1))))
            (local.set $word (i32.load (local.get $at)))
            (local.set $k (i32.const 0))
            (block $checked
              (loop $check
                (br_if $checked (i32.ge_u (local.get $k) (local.get $n)))
                (if (i32.eq
                      (i32.and (local.get $word) (i32.load offset=516 (i32.shl (local.get $k) (i32.const 3))))
                      (i32.load offset=512 (i32.shl (local.get $k) (i32.const 3))))
                  (then
                    (if (i32.ge_u (local.get $count) (local.get $capacity)) (then (return (i32.const -1))))
                    (i32.store (i32.add (local.get $out) (i32.shl (local.get $count) (i32.const 3))) (local.get $k))
                    (i32.store offset=4 (i32.add (local.get $out) (i32.shl (local.get $count) (i32.const 3)))
                      (i32.sub (local.get $at) (local.get $in)))
                    (local.set $count (i32.add (local.get $count) (i32.const 1)))))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $check)))
            (br $offset)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $block)))
    (local.get $count)))
