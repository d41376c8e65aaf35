// Comparing two byte spans word by word (the parser's hot comparison): how far they agree.

/** Where the bytes at `a + j` (in `av`) and `b + j` (in `bv`) first differ for `j` from `from` to `to`: `to` when they do not. */
export function equalUpTo(av: DataView, a: number, bv: DataView, b: number, from: number, to: number): number {
  let j = from;
  while (
    j + 16 <= to &&
    ((av.getInt32(a + j, true) ^ bv.getInt32(b + j, true)) |
      (av.getInt32(a + j + 4, true) ^ bv.getInt32(b + j + 4, true)) |
      (av.getInt32(a + j + 8, true) ^ bv.getInt32(b + j + 8, true)) |
      (av.getInt32(a + j + 12, true) ^ bv.getInt32(b + j + 12, true))) === 0
  ) j += 16;
  while (j + 4 <= to && av.getInt32(a + j, true) === bv.getInt32(b + j, true)) j += 4;
  while (j < to && av.getUint8(a + j) === bv.getUint8(b + j)) j++;
  return j;
}
