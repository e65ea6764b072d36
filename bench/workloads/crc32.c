/*
 * CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), table-driven, over a 64 KiB buffer of
 * pseudo-random bytes, repeated with the running CRC as the next pass's seed: byte loads, table
 * lookups, shifts and XORs. The table is built bit by bit at start-up.
 */
#include "rt.h"

#define BUFSIZE (64u * 1024u)
#define PASSES 230u

static u32 table[256];
static u8 buf[BUFSIZE];

int main(void) {
  for (u32 i = 0; i < 256; i++) {
    u32 c = i;
    for (u32 k = 0; k < 8; k++) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
  u32 seed = 0x2545f491u * rt_one;
  for (u32 i = 0; i < BUFSIZE; i++) {
    seed = seed * 1664525u + 1013904223u;
    buf[i] = (u8)(seed >> 24);
  }
  u32 passes = PASSES * rt_one;
  u32 crc = 0;
  for (u32 p = 0; p < passes; p++) {
    u32 c = ~crc;
    for (u32 i = 0; i < BUFSIZE; i++) c = table[(c ^ buf[i]) & 0xff] ^ (c >> 8);
    crc = ~c;
  }
  print_result("crc32", crc);
  return 0;
}
