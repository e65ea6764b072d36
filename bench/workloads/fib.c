/*
 * Recursive Fibonacci: call-heavy code (JAL/JR, stack frames, short blocks). Compiled with
 * -fno-optimize-sibling-calls (see bench/build.ts) so gcc keeps both recursive calls instead of
 * turning one into a loop.
 */
#include "rt.h"

#define N 33u

__attribute__((noinline)) static u32 fib(u32 n) {
  if (n < 2) return n;
  return fib(n - 1) + fib(n - 2);
}

int main(void) {
  print_result("fib", fib(N * rt_one));
  return 0;
}
