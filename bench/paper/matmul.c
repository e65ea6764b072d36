/*
 * Table 9 of the paper: a 150x150 integer matrix multiply, C = A x B, compiled with Debian's
 * mipsel gcc -O2 -march=r3000 (the paper used gcc 2.6.0 -O2) and run as an environment of the
 * exokernel under the library OS's crt0 (programs/lib/crt0.s calls main). bench/paper.ts
 * measures from the entry of mm_multiply to the entry of mm_done.
 */
#define N 150

extern void exo_puthex(int v); /* crt0.s: prints a0 as 0xXXXXXXXX (clobbers v0, v1 only) */
extern int exo_puts(const char *s, int n);

int a[N][N], b[N][N], c[N][N];

__attribute__((noinline)) void mm_multiply(void) {
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      int s = 0;
      for (int k = 0; k < N; k++) s += a[i][k] * b[k][j];
      c[i][j] = s;
    }
}

/* An empty function whose entry marks the end of the measured interval. */
__attribute__((noinline)) void mm_done(void) { __asm__ volatile(""); }

int main(void) {
  unsigned seed = 12345;
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      seed = seed * 1103515245u + 12345u;
      a[i][j] = (int)(seed >> 16) & 0xff;
      seed = seed * 1103515245u + 12345u;
      b[i][j] = (int)(seed >> 16) & 0xff;
    }
  mm_multiply();
  mm_done();
  unsigned check = 0;
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) check = (check << 1 | check >> 31) + (unsigned)c[i][j];
  exo_puts("matmul 150x150: checksum ", 25);
  exo_puthex((int)check);
  exo_puts("\n", 1);
  return 0;
}
