// The padding every Merkle–Damgård hash here shares (RFC 1321 §3.1-3.2, FIPS 180-4 §5.1): the
// message, one 0x80 byte, zeros, then the message length in bits, filling whole blocks. The full
// blocks of the message are hashed where they lie; only its tail is copied into the final blocks.

import { alloc } from "../alloc";

/** The message's bytes after its last full block, padded into one or two blocks of `blockSize`
 *  (the length field takes the block's last `lengthBytes` bytes). Returns their address; the number
 *  of blocks is finalBlockCount(len, ...). */
export function finalBlocks(ptr: usize, len: i32, blockSize: i32, lengthBytes: i32, bigEndian: bool): usize {
  const tail = len % blockSize;
  const size = finalBlockCount(len, blockSize, lengthBytes) * blockSize;
  const blocks = alloc(<usize>size);
  memory.fill(blocks, 0, <usize>size); // the heap is reused between evaluations: not zeroed
  memory.copy(blocks, ptr + <usize>(len - tail), <usize>tail);
  store<u8>(blocks + <usize>tail, 0x80);
  // Lengths here are below 2^32 bytes, so the bit count fits the low 8 bytes of any length field.
  const bits = (<u64>len) << 3;
  const end = blocks + <usize>size;
  if (bigEndian) store<u64>(end - 8, bswap<u64>(bits));
  else store<u64>(end - 8, bits);
  return blocks;
}

export function finalBlockCount(len: i32, blockSize: i32, lengthBytes: i32): i32 {
  return (len % blockSize) + 1 + lengthBytes > blockSize ? 2 : 1;
}
