/*
 * Sieve of Eratosthenes over a 256 KiB byte array, repeated: byte loads and stores with a
 * data-dependent stride, plus a counting pass. The checksum mixes the prime count and the sum of
 * the primes of every pass.
 */
#include "rt.h"

#define LIMIT (256u * 1024u)
#define PASSES 26u

static u8 composite[LIMIT];

int main(void) {
  u32 passes = PASSES * rt_one;
  u32 check = 0;
  for (u32 p = 0; p < passes; p++) {
    u32 limit = LIMIT - p; /* a different bound each pass keeps every pass honest */
    for (u32 i = 0; i < limit; i++) composite[i] = 0;
    for (u32 i = 2; i * i < limit; i++) {
      if (composite[i]) continue;
      for (u32 j = i * i; j < limit; j += i) composite[j] = 1;
    }
    u32 count = 0, sum = 0;
    for (u32 i = 2; i < limit; i++) {
      if (!composite[i]) {
        count++;
        sum += i;
      }
    }
    check = (check << 5 | check >> 27) ^ count ^ sum;
  }
  print_result("sieve", check);
  return 0;
}
