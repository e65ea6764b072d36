/*
 * Integer matrix multiply, C = A x B on 64 x 64 matrices of 32-bit integers, repeated with A
 * updated from C between rounds: MULT/MFLO in the inner loop, strided loads.
 */
#include "rt.h"

#define N 64
#define ROUNDS 70u

static i32 a[N][N], b[N][N], c[N][N];

int main(void) {
  u32 seed = 12345u * rt_one;
  for (u32 i = 0; i < N; i++) {
    for (u32 j = 0; j < N; j++) {
      seed = seed * 1103515245u + 12345u;
      a[i][j] = (i32)(seed >> 16) & 0xff;
      seed = seed * 1103515245u + 12345u;
      b[i][j] = (i32)(seed >> 16) & 0xff;
    }
  }
  u32 rounds = ROUNDS * rt_one;
  u32 check = 0;
  for (u32 r = 0; r < rounds; r++) {
    for (u32 i = 0; i < N; i++) {
      for (u32 j = 0; j < N; j++) {
        i32 s = 0;
        for (u32 k = 0; k < N; k++) s += a[i][k] * b[k][j];
        c[i][j] = s;
      }
    }
    for (u32 i = 0; i < N; i++)
      for (u32 j = 0; j < N; j++) {
        check = (check << 1 | check >> 31) + (u32)c[i][j];
        a[i][j] = c[i][j] & 0x3ff;
      }
  }
  print_result("matmul", check);
  return 0;
}
