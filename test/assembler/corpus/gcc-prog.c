/* Source of corpus/gcc-*.s, generated with binutils/gcc 12 for mipsel:
 *   mipsel-linux-gnu-gcc -march=r3000 -mfp32 -O0|-O2 -S -fno-pic -mno-abicalls -G0 -fno-asynchronous-unwind-tables -ffreestanding
 *   (gcc-O1-nodelay.s: -O1 -fno-delayed-branch; gcc-Os-g.s: -Os -g, without -fno-asynchronous-unwind-tables) */
int counter = 3;
static const char *names[] = { "zero", "one", "two" };
short table[8] = { 1, -2, 3, -4, 5, -6, 7, -8 };
char buf[64];
extern int helper(int);
int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
int divs(int a, int b) { return a / b + a % b; }
unsigned divu(unsigned a, unsigned b) { return a / b * (a % b); }
int sw(int x) { switch (x) { case 0: return 10; case 1: return 20; case 2: return 33; case 3: return 47; case 4: return 51; default: return -1; } }
int sum(const short *p, int n) { int s = 0; for (int i = 0; i < n; i++) s += p[i] * counter; return s; }
const char *name(int i) { return names[i & 1]; }
void fill(char c) { for (int i = 0; i < 64; i++) buf[i] = c ^ i; }
long long mul64(long long a, long long b) { return a * b; }
int helper(int x) { return x * 7 - (x >> 3) + (unsigned)x / 5; }
void __start(void) { fill('a'); counter = fib(10) + sum(table, 8) + divs(100, 7) + sw(counter) + helper(3) + (int)mul64(3, 4) + name(1)[0]; for(;;); }
