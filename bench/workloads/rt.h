/*
 * The tiny freestanding runtime every workload links against. No libc: the two machine-specific
 * start files (crt-linux.S for qemu-mipsel and `exo run --abi linux`, crt-testmips.S for
 * `gxemul -E testmips` and `exo run --bare`) provide rt_write and rt_exit; rt.c builds the
 * printing helpers and the memory functions gcc may call on its own on top of them.
 */
#ifndef RT_H
#define RT_H

typedef unsigned int u32;
typedef int i32;
typedef unsigned char u8;
typedef __SIZE_TYPE__ size_t;

/* Provided by the start file. */
void rt_write(const char *buf, u32 len);
void rt_exit(int code) __attribute__((noreturn));

/* rt.c */
void print_str(const char *s);
void print_uint(u32 v);
void print_hex(u32 v);
/* Prints "name: checksum=0x........\n", the line every emulator's run is compared on. */
void print_result(const char *name, u32 checksum);

void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);

/*
 * Iteration count that the compiler cannot see through: the workloads' loops must run on the
 * guest, not at compile time. `volatile` forces one real load.
 */
extern volatile u32 rt_one;

#endif
