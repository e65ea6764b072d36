/**
 * The library OS's programs of the stride scheduler, isolation and matrix multiply (issue 6):
 * programs/stride.s (programs/lib/sched.s), programs/isolation.s with its victim, and
 * programs/matmul.s, each run on the exokernel with runExo: exact standard output (or, for
 * stride, its exact form and the shares checked here), no kernel message, exit status, and the
 * kernel invariants checked at every kernel exit.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assemble } from '../../assembler/index.js';
import { runExo, type ExoRunResult } from '../helpers/exo-run.js';

function expectClean(r: ExoRunResult, status = 0): void {
  expect(r.violations).toEqual([]);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(status);
  expect(r.checks).toBeGreaterThan(0);
}

describe('programs/stride.s: three processes at 3:2:1 under the stride scheduler (paper §7.3)', () => {
  const TICKETS = [3, 2, 1];
  const MEASURED = 300;
  /** Each process's share of the iterations must be within this fraction of its ideal share. */
  const TOLERANCE = 0.05;

  function runStride(quantum: number): void {
    const r = runExo(['programs/stride.s'], { quantum });
    expectClean(r);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^stride: 3 processes, tickets 3:2:1, no slices of their own; \d+ slices of warm-up, then 300 measured$/);
    const total = TICKETS.reduce((a, b) => a + b, 0);
    const iters: number[] = [];
    for (let i = 0; i < 3; i++) {
      const m = /^process (\d) \(env ([0-9a-f]+)\): tickets (\d+), slices (\d+), iterations (\d+), share (\d+)\.(\d)% \(ideal (\d+)\.(\d)%\)$/.exec(lines[i + 1] ?? '');
      expect(m, `line ${i + 1}: ${lines[i + 1]}`).not.toBeNull();
      const [, idx, env, tickets, slices, n] = m!;
      expect(Number(idx)).toBe(i);
      expect(parseInt(env!, 16)).toBe(i + 2); // spawned after the parent (environment 1)
      expect(Number(tickets)).toBe(TICKETS[i]);
      // Stride scheduling is exact over whole rounds: 300 slices = 50 rounds of 3 + 2 + 1.
      expect(Number(slices)).toBe((MEASURED * TICKETS[i]!) / total);
      iters.push(Number(n));
    }
    const sum = iters.reduce((a, b) => a + b, 0);
    expect(sum).toBeGreaterThan(0);
    for (let i = 0; i < 3; i++) {
      const share = iters[i]! / sum;
      const ideal = TICKETS[i]! / total;
      expect(Math.abs(share - ideal) / ideal, `process ${i}: share ${share}, ideal ${ideal}`).toBeLessThanOrEqual(TOLERANCE);
      // The program's own figure (permille, rounded) agrees with ours.
      const m = /share (\d+)\.(\d)%/.exec(lines[i + 1]!)!;
      const printed = Number(m[1]) * 10 + Number(m[2]);
      expect(Math.abs(printed - share * 1000)).toBeLessThanOrEqual(0.5 + 1e-9);
    }
    // Process 0 killed: the scheduler drops it and the other two share 60 slices at 2:1.
    expect(lines.slice(4)).toEqual([
      'stride: process 0 killed; 60 more slices: process 1 got 40, process 2 got 20',
      'stride: every share within 5% of its ideal',
      '',
    ]);
  }

  it('a 10000-cycle quantum: 300 slices measured, slices exactly 150/100/50, iterations within 5% of 3:2:1', () => {
    runStride(10_000);
  });

  it('the shortest quantum (1000 cycles), where the handler and the yield are a large part of each slice', () => {
    runStride(1000);
  });

  it('the embedded programs/stride-worker.elf is the current build of its source and the library OS', () => {
    const lib = readdirSync('programs/lib').filter((f) => f.endsWith('.s')).sort().map((f) => join('programs/lib', f));
    const files = [...lib, 'programs/stride-worker.s'].map((name) => ({ name, text: readFileSync(name, 'utf8') }));
    const r = assemble(files);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const stale = !Buffer.from(r.elf!).equals(readFileSync('programs/stride-worker.elf'));
    expect(stale, 'programs/stride-worker.elf is stale: rebuild it with `npm run build`').toBe(false);
  });
});

describe('programs/isolation.s: every way to break isolation, each refused', () => {
  it('runs against its victim: 72 attempts, each refused as the ABI documents, the victim intact', () => {
    const r = runExo(['programs/isolation.s', 'programs/isolation-victim.s']);
    expectClean(r);
    const lines = r.stdout.split('\n');
    // Every attempt line says "refused", in order 1..72; none says NOT REFUSED or UNEXPECTED.
    const attempts = lines.filter((l) => /^ ?\d+\. /.test(l));
    expect(attempts).toHaveLength(72);
    attempts.forEach((l, i) => {
      expect(l.startsWith(`${String(i + 1).padStart(2)}. `), l).toBe(true);
      expect(l).toMatch(/: refused \(.+\)$|: (\d+) of \1 refused$/);
    });
    expect(r.stdout).not.toMatch(/NOT REFUSED|UNEXPECTED|FAIL/);
    expect(r.stdout).toBe(ISOLATION_OUTPUT);
  });

  it('beside the stride scheduler and its processes (other ids, a short quantum, another seed): still all refused', () => {
    const r = runExo(['programs/stride.s', 'programs/isolation.s', 'programs/isolation-victim.s'], { quantum: 7000, seed: 7 });
    expectClean(r);
    expect(r.stdout).not.toMatch(/NOT REFUSED|UNEXPECTED|FAIL/);
    expect(r.stdout).toContain('isolation: environment 2 attacks environment 3\n');
    expect(r.stdout).toContain('isolation-victim 3: secret, text and environment intact\n');
    expect(r.stdout).toContain('isolation: 72 attempts, every one refused; the victim is intact\n');
    expect(r.stdout).toContain('stride: every share within 5% of its ideal\n');
  });

  it('alone (no victim to connect) it says so and exits 2 instead of reporting success', () => {
    const r = runExo(['programs/isolation.s']);
    expect(r.violations).toEqual([]);
    expect(r.stdout).toBe('isolation: FAIL: the victim did not connect (run: exo run programs/isolation.s programs/isolation-victim.s) (-3)\n');
    expect(r.status).toBe(2);
  });
});

describe('programs/matmul.s: the 150x150 integer matrix multiply (paper Table 9)', () => {
  it('prints the elements, sum and checksum that TypeScript computes from the same inputs', () => {
    const N = 150;
    const a = new Int32Array(N * N);
    const b = new Int32Array(N * N);
    let seed = 12345;
    for (let i = 0; i < N * N; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      a[i] = (seed >>> 16) & 0xff;
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      b[i] = (seed >>> 16) & 0xff;
    }
    const c = new Int32Array(N * N);
    for (let i = 0; i < N; i++)
      for (let j = 0; j < N; j++) {
        let s = 0;
        for (let k = 0; k < N; k++) s = (s + Math.imul(a[i * N + k]!, b[k * N + j]!)) | 0;
        c[i * N + j] = s;
      }
    let check = 0;
    let sum = 0;
    for (const v of c) {
      check = (((check << 1) | (check >>> 31)) + v) >>> 0;
      sum = (sum + v) >>> 0;
    }
    const hex = check.toString(16).padStart(8, '0');
    const r = runExo(['programs/matmul.s']);
    expectClean(r);
    expect(r.stdout).toBe(`matmul 150x150: c[0][0] = ${c[0]}, c[149][149] = ${c[N * N - 1]}, sum ${sum} (mod 2^32), checksum 0x${hex}\n`);
    // The machine did the work: at least the 3.375 million multiply-adds at 12 cycles each.
    expect(r.cycles).toBeGreaterThan(N * N * N * 12);
  });
});

const ISOLATION_OUTPUT = `isolation: environment 1 attacks environment 2
-- another environment's pages, by capability
 1. tlb_write of the victim's text page with a forged capability: refused (ECAP)
 2. tlb_write of the victim's text page with capability 0: refused (ECAP)
 3. tlb_write of the victim's stack page, writable, with our boot page's capability: refused (ECAP)
 4. guarantee of the victim's scratch page (its miss handler's save area): refused (ECAP)
 5. guarantee into the victim's slot 0 (we did not create it): refused (EPERM)
 6. tlb_write of every page of RAM, read-only, with each of 4 guessed capabilities: 16384 of 16384 refused
    (control: the page the victim granted us maps with its capability and reads 0x600dface)
 7. page_dealloc of the granted page (we hold its wcap, not the page): refused (EPERM)
 8. page_setcap of the granted page with its wcap: refused (EPERM)
 9. page_dealloc of the victim's text page: refused (EPERM)
10. page_setcap of the victim's text page: refused (EPERM)
11. page_alloc of the victim's text page by number: refused (EBUSY)
12. page_alloc of physical page 0 (the kernel's vectors): refused (EPERM)
13. load through our mapping of the granted page after its owner freed it: refused (TLBL at 0x00005000)
14. tlb_write of the freed page with its old (stale) capability: refused (ENOENT)
15. guarantee of the freed page with its stale capability: refused (ENOENT)
-- kernel memory and devices from user mode
16. load from kseg0 (the UTLB refill vector): refused (AdEL at 0x80000000)
17. store to kseg0 (the environment table): refused (AdES at 0x80010000)
18. load from kseg0 (the STLB): refused (AdEL at 0x80040000)
19. load from kseg1 (physical memory, uncached): refused (AdEL at 0xa0000000)
20. store to the console device (kseg1): refused (AdES at 0xb0000000)
21. store to the machine's halt register (kseg1): refused (AdES at 0xb0000010)
22. store to the interval timer (stop the slices): refused (AdES at 0xb5000130)
23. load from kseg2: refused (AdEL at 0xc0000000)
24. store to kseg2: refused (AdES at 0xfffff000)
25. jump into the kernel's exception vector: refused (AdEL at 0x80000080)
26. console_write of kernel memory (the kernel as a deputy): refused (EFAULT)
27. console_read into kernel memory: refused (EFAULT)
28. console_write of a buffer running from our last kuseg page into kseg0: refused (EFAULT)
29. tlb_write of our own page at a kseg0 address: refused (EINVAL)
30. tlb_write of our own page as global (G = 1: every ASID): refused (EINVAL)
31. tlb_write of physical page 0 (the exception vectors): refused (EPERM)
32. tlb_write of the kernel's physical page table: refused (EPERM)
33. tlb_write of a physical page beyond RAM: refused (EINVAL)
34. guarantee of virtual page 0 (null pointers must fault): refused (EINVAL)
-- privileged instructions in user mode
35. mfc0 Status: refused (CpU)
36. mtc0 Status (kernel mode, interrupts off): refused (CpU)
37. mtc0 EntryHi (ASID 0, the kernel's): refused (CpU)
38. tlbwr: refused (CpU)
39. tlbwi: refused (CpU)
40. tlbr (read another environment's mapping): refused (CpU)
41. tlbp: refused (CpU)
42. rfe: refused (CpU)
43. the halt trap hook (break 0x3e5, 2): refused (Bp)
44. the image_copy trap hook (writes physical memory): refused (Bp)
-- our own environment record: what only the kernel may set
45. env_set of our save area into a kernel page (the environment table): refused (EPERM)
46. env_set of our interrupt save area into the victim's text page: refused (EPERM)
47. env_set of a handler in the kernel (0x80000080): refused (EINVAL)
48. env_set of slice_start in the boot ROM: refused (EINVAL)
49. env_set of a handler for system calls (take them over): refused (EINVAL)
50. env_set of a handler for interrupts (keep the timer): refused (EINVAL)
51. env_set of Status with CU0 (CP0 in user mode): refused (EINVAL)
52. env_set of Status with KUp (resume in kernel mode): refused (EINVAL)
53. env_set of a field that is not settable (resume_pc): refused (EINVAL)
-- another environment, without its capability
54. env_destroy of the victim with a forged capability: refused (ECAP)
55. env_destroy of the victim with capability 0: refused (ECAP)
56. env_set of the victim's TLB-miss handler: refused (ECAP)
57. env_set of the victim's save area to none (kill it at its next fault): refused (ECAP)
58. env_start of the victim at our code: refused (ECAP)
59. slice_alloc for the victim: refused (ECAP)
60. slice_free of each of the 64 slices for the victim (ECAP): 64 of 64 refused
61. slice_free of the victim's slice, as ourselves: refused (EPERM)
62. asid_switch to each of the 63 ASIDs not ours, the kernel's included (EPERM): 63 of 63 refused
63. asid_switch to ASID 64 (there are 64): refused (EINVAL)
-- protected control transfer to bad or stale ids
64. synchronous PCT to id 0 (the kernel's slot): refused (ENOENT)
65. synchronous PCT to a free slot (62): refused (ENOENT)
66. synchronous PCT to the victim's slot with a wrong generation: refused (ENOENT)
67. asynchronous PCT to the same: refused (ENOENT)
68. PCT of class 3 to the victim (no such class): refused (ENOSYS)
69. synchronous PCT to an environment created but not started: refused (ENOENT)
70. synchronous PCT to a destroyed environment (stale id): refused (ENOENT)
71. env_destroy of the destroyed environment with its old capability: refused (ENOENT)
72. env_start of the destroyed environment with its old capability: refused (ENOENT)
isolation-victim 2: secret, text and environment intact
isolation: 72 attempts, every one refused; the victim is intact
`;
