/* fib.c: a C program on the exokernel (docs/libos.md "Programs in C"): gcc compiles it to assembly,
 * `exo run` links that with the library OS (printf is io.s's) like any program. */
int printf(const char *, ...);
static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
int main(void) {
  for (int i = 0; i < 10; i++) printf("fib(%d) = %d\n", i, fib(i));
  return 0;
}
