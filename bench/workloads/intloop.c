/*
 * Integer loop: xorshift32 plus add/rotate mixing, register-only (no memory traffic), the
 * emulator's best case for a tight basic block. About 13 instructions per iteration.
 */
#include "rt.h"

#define ITERATIONS 11000000u

int main(void) {
  u32 n = ITERATIONS * rt_one;
  u32 x = 2463534242u * rt_one, y = 0x9e3779b9u, acc = 0;
  for (u32 i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    acc += x + (i ^ y);
    y = (y >> 3) | (y << 29);
  }
  print_result("intloop", acc ^ y);
  return 0;
}
