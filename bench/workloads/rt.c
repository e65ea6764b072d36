/* Printing and memory helpers for the freestanding workloads (see rt.h). */
#include "rt.h"

volatile u32 rt_one = 1;

void print_str(const char *s) {
  u32 n = 0;
  while (s[n] != 0) n++;
  rt_write(s, n);
}

/* Decimal without division: MIPS I has no cheap divide, and libgcc is not linked. */
void print_uint(u32 v) {
  static const u32 pow10[10] = {1000000000u, 100000000u, 10000000u, 1000000u, 100000u,
                                10000u,      1000u,      100u,      10u,      1u};
  char buf[10];
  u32 n = 0;
  for (u32 i = 0; i < 10; i++) {
    char d = '0';
    while (v >= pow10[i]) {
      v -= pow10[i];
      d++;
    }
    if (d != '0' || n != 0 || i == 9) buf[n++] = d;
  }
  rt_write(buf, n);
}

void print_hex(u32 v) {
  char buf[10];
  buf[0] = '0';
  buf[1] = 'x';
  for (u32 i = 0; i < 8; i++) {
    u32 nib = (v >> (28 - 4 * i)) & 15;
    buf[2 + i] = (char)(nib < 10 ? '0' + nib : 'a' + nib - 10);
  }
  rt_write(buf, 10);
}

void print_result(const char *name, u32 checksum) {
  print_str(name);
  print_str(": checksum=");
  print_hex(checksum);
  print_str("\n");
}

void *memset(void *dst, int c, size_t n) {
  u8 *d = dst;
  while (n-- != 0) *d++ = (u8)c;
  return dst;
}

void *memcpy(void *dst, const void *src, size_t n) {
  u8 *d = dst;
  const u8 *s = src;
  while (n-- != 0) *d++ = *s++;
  return dst;
}

void *memmove(void *dst, const void *src, size_t n) {
  u8 *d = dst;
  const u8 *s = src;
  if (d < s) {
    while (n-- != 0) *d++ = *s++;
  } else {
    while (n != 0) {
      n--;
      d[n] = s[n];
    }
  }
  return dst;
}

int memcmp(const void *a, const void *b, size_t n) {
  const u8 *x = a, *y = b;
  for (size_t i = 0; i < n; i++)
    if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
  return 0;
}
