/**
 * The interpreter: the R3000 pipeline in one loop.
 *
 * Each iteration executes one instruction at `cur`:
 * 1. Advance: pc <- npc, npc <- npc + 4. A taken branch then overwrites npc with its target,
 *    computed from pc, the address after the branch (a+4 normally; for a branch in a delay slot,
 *    the first branch's target: the pcsx-redux hardware rule, r3000.md §2).
 * 2. Count one cycle; fetch. A cached RAM page is remembered (fKey/fBase: one compare per
 *    instruction); within it a word flagged I-cache resident in bus.decoded is a hit and already
 *    decoded, so a hitting fetch is one byte load. Everything else goes through Cpu.fetchRam /
 *    Cpu.fetchSlow (tag compare, refill stall, decode, uncached and non-RAM fetches, faults).
 * 3. Execute: a `switch` on the ISA id with literal case labels (performance.md fact 1; the
 *    labels are checked against isa.ts by test/emulator/dispatch.test.ts).
 * 4. Commit the load delay: the pending load of the previous instruction is written now (after
 *    this instruction read its operands), unless this instruction wrote that register itself,
 *    which cancels it; this instruction's own load becomes pending. Cases that write a register
 *    commit before their own write (so the write wins without a compare) and cases that load
 *    commit and set the new pending load themselves; both `continue` past the common commit.
 * Exceptions set `exc` and `break insn`, skipping the commit, into Cpu.takeException.
 *
 * Interrupts are not checked here: the machine takes them at slice boundaries (machine.ts). A
 * slice ends early when `cpu.stop` or `cpu.yieldReq` is set, and those are read only after slow
 * paths (device accesses, coprocessor instructions, exceptions), never per instruction; and one
 * call runs at most MAX_CALL_CYCLES (a V8 matter, see runSlice; the machine simply calls again).
 *
 * No allocation, no try, no closures here. Slow paths are Cpu methods; before calling one the loop
 * stores `cyc` to cpu.cyc and reloads it after. Every value read back from a `cpu` field is `| 0`:
 * several fields hold doubles (V8 field representation), and a double flowing into a loop
 * variable would make TurboFan keep that variable as a float64.
 *
 * There is deliberately no warm-up run: executing every case once before the real program (so
 * that no case is first reached after optimization) removed a few deoptimizations on mixed
 * workloads but made steady-state execution 10-50% slower on the bench workloads, because
 * TurboFan then compiles every case and spills the loop state. A case first reached late costs
 * one deoptimization and recompilation instead. (Re-measured 2026-11-29 with a warm-up of only the
 * common cases and their slow paths, on a private machine: 1-2 compilations instead of 6-9, but
 * each 4-5x longer, and 0-15% slower whole runs on the loaded 2-core VM; not kept.)
 */
import { NOT_DECODED } from './bus.js';
import { CNT_STALL_DCACHE, CNT_STALL_HILO, CNT_STALL_ICACHE, CNT_STALL_UNCACHED, type Cpu } from './cpu.js';
import { execCoprocessor } from './coprocessor.js';
import { EXC_BP, EXC_CPU, EXC_OV, EXC_RI, EXC_SYS } from './exceptions.js';

/** Longest run of one runSlice call, in cycles, and of the process's first WARM_CALLS calls (see there). */
const MAX_CALL_CYCLES = 1 << 16;
const WARM_CALL_CYCLES = 1 << 10;
const WARM_CALLS = 64;
let calls = 0;

/**
 * Runs until `cpu.cyc >= limit` (cycles into the slice) or something stops the machine.
 * State is read from and written back to `cpu`.
 */
export function runSlice(cpu: Cpu, sliceLimit: number): void {
  // A local int32 copy: the parameter is a tagged value, checked and untagged on every iteration.
  let limit = sliceLimit | 0;
  let cyc = cpu.cyc | 0;
  // Short calls. V8 installs newly optimized code for the next call of a function; a call that is
  // still running waits for a second, on-stack-replacement compilation, spent in the bytecode
  // interpreter. And the first calls are very short, so that the slice's exit has type feedback
  // before anything is optimized: optimized code compiled without it deoptimizes at every exit.
  // Ending a call early is invisible to the guest (the machine resumes at the same boundary;
  // interrupts and device events end slices exactly anyway).
  const maxCall = calls < WARM_CALLS ? (calls++, WARM_CALL_CYCLES) : MAX_CALL_CYCLES;
  if (limit - cyc > maxCall) limit = cyc + maxCall;
  const gpr = cpu.gpr;
  const cop0 = cpu.cop0;
  const bus = cpu.bus;
  const ram32 = bus.ram32;
  const ram16 = bus.ram16;
  const ramS16 = bus.ramS16;
  const ram8 = bus.ram8;
  const ramS8 = bus.ramS8;
  const dec = bus.decoded;
  const dtags = cpu.dcache.tags;
  const dmask = cpu.dcache.mask;
  const wb = cpu.wb;
  const hilo = cpu.hilo;
  const cnt = cpu.count;
  let tc = cpu.currentTc();

  let pc = cpu.pc | 0;
  let npc = cpu.npc | 0;
  let bd = cpu.bd | 0;
  let ldr = cpu.ldReg | 0;
  let ldv = cpu.ldVal | 0;
  const cyc0 = cyc;
  const stalls0 = totalStalls(cpu);
  const faulted0 = cnt[9]!;
  let fKey = 0xffc;
  let fBase = 0;
  cpu.yieldReq = 0;

  while (cyc < limit) {
    const cur = pc;
    pc = npc;
    npc = (npc + 4) | 0;
    const slot = bd;
    bd = 0;
    cyc = (cyc + 1) | 0;
    let exc = 0;
    let w = 0;
    let id = 0;

    insn: {
      if ((cur & -4093) === fKey) {
        // Fast fetch: a cached RAM page. A word flagged I-cache resident is a hit (bus.ts).
        const wa = fBase | ((cur & 4095) >>> 2);
        w = ram32[wa]!;
        id = dec[wa]! ^ 128;
        if (id >= 128) {
          cpu.cyc = cyc;
          id = cpu.fetchRam(wa) | 0;
          cyc = cpu.cyc | 0;
        }
      } else {
        cpu.cyc = cyc;
        const st = cpu.fetchSlow(cur);
        cyc = cpu.cyc | 0;
        fKey = cpu.fKey | 0;
        fBase = cpu.fBase | 0;
        if (st !== 0) {
          exc = st;
          break insn;
        }
        w = cpu.fetchWord | 0;
        id = cpu.fetchId | 0;
      }

      switch (id) {
        case 0: { // sll
          const rd = (w >>> 11) & 31;
          const v = gpr[(w >>> 16) & 31]! << ((w >>> 6) & 31);
          gpr[ldr] = ldv;
          gpr[rd] = v;
          ldr = 32;
          gpr[0] = 0;
          continue;
        }
        case 1: { // srl
          const rd = (w >>> 11) & 31;
          const v = gpr[(w >>> 16) & 31]! >>> ((w >>> 6) & 31);
          gpr[ldr] = ldv;
          gpr[rd] = v;
          ldr = 32;
          gpr[0] = 0;
          continue;
        }
        case 2: { // sra
          const rd = (w >>> 11) & 31;
          const v = gpr[(w >>> 16) & 31]! >> ((w >>> 6) & 31);
          gpr[ldr] = ldv;
          gpr[rd] = v;
          ldr = 32;
          gpr[0] = 0;
          continue;
        }
        case 3: { // sllv
          const rd = (w >>> 11) & 31;
          const v = gpr[(w >>> 16) & 31]! << (gpr[(w >>> 21) & 31]! & 31);
          gpr[ldr] = ldv;
          gpr[rd] = v;
          ldr = 32;
          gpr[0] = 0;
          continue;
        }
        case 4: { // srlv
          const rd = (w >>> 11) & 31;
          const v = gpr[(w >>> 16) & 31]! >>> (gpr[(w >>> 21) & 31]! & 31);
          gpr[ldr] = ldv;
          gpr[rd] = v;
          ldr = 32;
          gpr[0] = 0;
          continue;
        }
        case 5: { // srav
          const rd = (w >>> 11) & 31;
          const v = gpr[(w >>> 16) & 31]! >> (gpr[(w >>> 21) & 31]! & 31);
          gpr[ldr] = ldv;
          gpr[rd] = v;
          ldr = 32;
          gpr[0] = 0;
          continue;
        }
        case 6: // jr
          npc = gpr[(w >>> 21) & 31]!;
          bd = 1;
          break;
        case 7: { // jalr
          const rd = (w >>> 11) & 31;
          const t = gpr[(w >>> 21) & 31]!;
          if (rd === ldr) ldr = 32;
          gpr[rd] = (cur + 8) | 0;
          npc = t;
          bd = 1;
          break;
        }
        case 8: // syscall
          exc = EXC_SYS;
          break insn;
        case 9: // break
          exc = EXC_BP;
          break insn;
        case 10: { // mfhi
          const rd = (w >>> 11) & 31;
          if (cpu.hiloReady > cyc) {
            const s = cpu.hiloReady - cyc;
            cyc += s;
            cnt[8] = cnt[8]! + s; // CNT_STALL_HILO
          }
          gpr[ldr] = ldv;
          gpr[rd] = hilo[0]!;
          ldr = 32;
          gpr[0] = 0;
          continue;
        }
        case 11: // mthi
          hilo[0] = gpr[(w >>> 21) & 31]!;
          break;
        case 12: { // mflo
          const rd = (w >>> 11) & 31;
          if (cpu.hiloReady > cyc) {
            const s = cpu.hiloReady - cyc;
            cyc += s;
            cnt[8] = cnt[8]! + s; // CNT_STALL_HILO
          }
          gpr[ldr] = ldv;
          gpr[rd] = hilo[1]!;
          ldr = 32;
          gpr[0] = 0;
          continue;
        }
        case 13: // mtlo
          hilo[1] = gpr[(w >>> 21) & 31]!;
          break;
        case 14: // mult
          multiply(hilo, gpr[(w >>> 21) & 31]!, gpr[(w >>> 16) & 31]!, true);
          cpu.hiloReady = cyc + 12;
          break;
        case 15: // multu
          multiply(hilo, gpr[(w >>> 21) & 31]!, gpr[(w >>> 16) & 31]!, false);
          cpu.hiloReady = cyc + 12;
          break;
        case 16: { // div
          const a = gpr[(w >>> 21) & 31]!;
          const b = gpr[(w >>> 16) & 31]!;
          // R3000 results for the undefined cases (r3000.md §1.6; pcsx-redux cpu_DIV_by_zero).
          if (b === 0) {
            hilo[1] = a >= 0 ? -1 : 1;
            hilo[0] = a;
          } else if (a === -0x80000000 && b === -1) {
            hilo[1] = a;
            hilo[0] = 0;
          } else {
            hilo[1] = (a / b) | 0;
            hilo[0] = a % b | 0;
          }
          cpu.hiloReady = cyc + 35;
          break;
        }
        case 17: { // divu
          const a = gpr[(w >>> 21) & 31]! >>> 0;
          const b = gpr[(w >>> 16) & 31]! >>> 0;
          if (b === 0) {
            hilo[1] = -1;
            hilo[0] = a | 0;
          } else {
            hilo[1] = (a / b) | 0;
            hilo[0] = a % b | 0;
          }
          cpu.hiloReady = cyc + 35;
          break;
        }
        case 18: { // add
          const a = gpr[(w >>> 21) & 31]!;
          const b = gpr[(w >>> 16) & 31]!;
          const v = (a + b) | 0;
          if (((a ^ v) & (b ^ v)) < 0) {
            exc = EXC_OV;
            break insn;
          }
          const rd = (w >>> 11) & 31;
          gpr[ldr] = ldv;
          gpr[rd] = v;
          ldr = 32;
          gpr[0] = 0;
          continue;
        }
        case 19: { // addu
          const rd = (w >>> 11) & 31;
          const v = (gpr[(w >>> 21) & 31]! + gpr[(w >>> 16) & 31]!) | 0;
          gpr[ldr] = ldv;
          gpr[rd] = v;
          ldr = 32;
          gpr[0] = 0;
          continue;
        }
        case 20: { // sub
          const a = gpr[(w >>> 21) & 31]!;
          const b = gpr[(w >>> 16) & 31]!;
          const v = (a - b) | 0;
          if (((a ^ b) & (a ^ v)) < 0) {
            exc = EXC_OV;
            break insn;
          }
          const rd = (w >>> 11) & 31;
          gpr[ldr] = ldv;
          gpr[rd] = v;
          ldr = 32;
          gpr[0] = 0;
          continue;
        }
        case 21: { // subu
          const rd = (w >>> 11) & 31;
          const v = (gpr[(w >>> 21) & 31]! - gpr[(w >>> 16) & 31]!) | 0;
          gpr[ldr] = ldv;
          gpr[rd] = v;
          ldr = 32;
          gpr[0] = 0;
          continue;
        }
        case 22: { // and
          const rd = (w >>> 11) & 31;
          const v = gpr[(w >>> 21) & 31]! & gpr[(w >>> 16) & 31]!;
          gpr[ldr] = ldv;
          gpr[rd] = v;
          ldr = 32;
          gpr[0] = 0;
          continue;
        }
        case 23: { // or
          const rd = (w >>> 11) & 31;
          const v = gpr[(w >>> 21) & 31]! | gpr[(w >>> 16) & 31]!;
          gpr[ldr] = ldv;
          gpr[rd] = v;
          ldr = 32;
          gpr[0] = 0;
          continue;
        }
        case 24: { // xor
          const rd = (w >>> 11) & 31;
          const v = gpr[(w >>> 21) & 31]! ^ gpr[(w >>> 16) & 31]!;
          gpr[ldr] = ldv;
          gpr[rd] = v;
          ldr = 32;
          gpr[0] = 0;
          continue;
        }
        case 25: { // nor
          const rd = (w >>> 11) & 31;
          const v = ~(gpr[(w >>> 21) & 31]! | gpr[(w >>> 16) & 31]!);
          gpr[ldr] = ldv;
          gpr[rd] = v;
          ldr = 32;
          gpr[0] = 0;
          continue;
        }
        case 26: { // slt
          const rd = (w >>> 11) & 31;
          const v = gpr[(w >>> 21) & 31]! < gpr[(w >>> 16) & 31]! ? 1 : 0;
          gpr[ldr] = ldv;
          gpr[rd] = v;
          ldr = 32;
          gpr[0] = 0;
          continue;
        }
        case 27: { // sltu
          const rd = (w >>> 11) & 31;
          const v = gpr[(w >>> 21) & 31]! >>> 0 < gpr[(w >>> 16) & 31]! >>> 0 ? 1 : 0;
          gpr[ldr] = ldv;
          gpr[rd] = v;
          ldr = 32;
          gpr[0] = 0;
          continue;
        }
        case 28: // bltz
          if (gpr[(w >>> 21) & 31]! < 0) npc = (pc + ((w << 16) >> 14)) | 0;
          bd = 1;
          break;
        case 29: // bgez
          if (gpr[(w >>> 21) & 31]! >= 0) npc = (pc + ((w << 16) >> 14)) | 0;
          bd = 1;
          break;
        case 30: // bltzal (links whether or not taken, r3000.md §1.6)
          if (gpr[(w >>> 21) & 31]! < 0) npc = (pc + ((w << 16) >> 14)) | 0;
          if (ldr === 31) ldr = 32;
          gpr[31] = (cur + 8) | 0;
          bd = 1;
          break;
        case 31: // bgezal
          if (gpr[(w >>> 21) & 31]! >= 0) npc = (pc + ((w << 16) >> 14)) | 0;
          if (ldr === 31) ldr = 32;
          gpr[31] = (cur + 8) | 0;
          bd = 1;
          break;
        case 32: // j
          npc = (pc & 0xf0000000) | ((w & 0x03ffffff) << 2);
          bd = 1;
          break;
        case 33: // jal
          npc = (pc & 0xf0000000) | ((w & 0x03ffffff) << 2);
          if (ldr === 31) ldr = 32;
          gpr[31] = (cur + 8) | 0;
          bd = 1;
          break;
        case 34: // beq
          if (gpr[(w >>> 21) & 31] === gpr[(w >>> 16) & 31]) npc = (pc + ((w << 16) >> 14)) | 0;
          bd = 1;
          break;
        case 35: // bne
          if (gpr[(w >>> 21) & 31] !== gpr[(w >>> 16) & 31]) npc = (pc + ((w << 16) >> 14)) | 0;
          bd = 1;
          break;
        case 36: // blez
          if (gpr[(w >>> 21) & 31]! <= 0) npc = (pc + ((w << 16) >> 14)) | 0;
          bd = 1;
          break;
        case 37: // bgtz
          if (gpr[(w >>> 21) & 31]! > 0) npc = (pc + ((w << 16) >> 14)) | 0;
          bd = 1;
          break;
        case 38: { // addi
          const a = gpr[(w >>> 21) & 31]!;
          const b = (w << 16) >> 16;
          const v = (a + b) | 0;
          if (((a ^ v) & (b ^ v)) < 0) {
            exc = EXC_OV;
            break insn;
          }
          const rt = (w >>> 16) & 31;
          gpr[ldr] = ldv;
          gpr[rt] = v;
          ldr = 32;
          gpr[0] = 0;
          continue;
        }
        case 39: { // addiu
          const rt = (w >>> 16) & 31;
          const v = (gpr[(w >>> 21) & 31]! + ((w << 16) >> 16)) | 0;
          gpr[ldr] = ldv;
          gpr[rt] = v;
          ldr = 32;
          gpr[0] = 0;
          continue;
        }
        case 40: { // slti
          const rt = (w >>> 16) & 31;
          const v = gpr[(w >>> 21) & 31]! < (w << 16) >> 16 ? 1 : 0;
          gpr[ldr] = ldv;
          gpr[rt] = v;
          ldr = 32;
          gpr[0] = 0;
          continue;
        }
        case 41: { // sltiu
          const rt = (w >>> 16) & 31;
          const v = gpr[(w >>> 21) & 31]! >>> 0 < ((w << 16) >> 16) >>> 0 ? 1 : 0;
          gpr[ldr] = ldv;
          gpr[rt] = v;
          ldr = 32;
          gpr[0] = 0;
          continue;
        }
        case 42: { // andi
          const rt = (w >>> 16) & 31;
          const v = gpr[(w >>> 21) & 31]! & (w & 0xffff);
          gpr[ldr] = ldv;
          gpr[rt] = v;
          ldr = 32;
          gpr[0] = 0;
          continue;
        }
        case 43: { // ori
          const rt = (w >>> 16) & 31;
          const v = gpr[(w >>> 21) & 31]! | (w & 0xffff);
          gpr[ldr] = ldv;
          gpr[rt] = v;
          ldr = 32;
          gpr[0] = 0;
          continue;
        }
        case 44: { // xori
          const rt = (w >>> 16) & 31;
          const v = gpr[(w >>> 21) & 31]! ^ (w & 0xffff);
          gpr[ldr] = ldv;
          gpr[rt] = v;
          ldr = 32;
          gpr[0] = 0;
          continue;
        }
        case 45: { // lui
          const rt = (w >>> 16) & 31;
          gpr[ldr] = ldv;
          gpr[rt] = w << 16;
          ldr = 32;
          gpr[0] = 0;
          continue;
        }
        case 46: // lb
        case 50: { // lbu
          const va = (gpr[(w >>> 21) & 31]! + ((w << 16) >> 16)) | 0;
          const e = tc[va >>> 12]!;
          let v: number;
          if ((e & 1) !== 0) {
            const pa = (e & -4096) | (va & 4095);
            if ((e & 4) !== 0) {
              const wa = pa >>> 2;
              const li = wa & dmask;
              if (dtags[li] !== wa) cyc += cpu.dataMiss(cyc, wa, li);
            } else {
              cyc += cpu.uncachedRead(cyc);
            }
            v = id === 46 ? ramS8[pa]! : ram8[pa]!;
          } else {
            cpu.cyc = cyc;
            const st = cpu.loadSlow(va, 1);
            cyc = cpu.cyc | 0;
            if (st !== 0) {
              exc = st;
              break insn;
            }
            v = id === 46 ? (cpu.tmp << 24) >> 24 : cpu.tmp | 0;
            if (cpu.stop !== null || cpu.yieldReq !== 0) limit = 0;
          }
          const rt = (w >>> 16) & 31;
          if (rt === ldr) ldr = 32;
          gpr[ldr] = ldv; // commit the previous load (step 4); this one becomes pending
          gpr[0] = 0;
          ldr = rt;
          ldv = v;
          continue;
        }
        case 47: // lh
        case 51: { // lhu
          const va = (gpr[(w >>> 21) & 31]! + ((w << 16) >> 16)) | 0;
          const e = tc[va >>> 12]!;
          let v: number;
          if ((e & 1) !== 0 && (va & 1) === 0) {
            const pa = (e & -4096) | (va & 4095);
            if ((e & 4) !== 0) {
              const wa = pa >>> 2;
              const li = wa & dmask;
              if (dtags[li] !== wa) cyc += cpu.dataMiss(cyc, wa, li);
            } else {
              cyc += cpu.uncachedRead(cyc);
            }
            v = id === 47 ? ramS16[pa >>> 1]! : ram16[pa >>> 1]!;
          } else {
            cpu.cyc = cyc;
            const st = cpu.loadSlow(va, 2);
            cyc = cpu.cyc | 0;
            if (st !== 0) {
              exc = st;
              break insn;
            }
            v = id === 47 ? (cpu.tmp << 16) >> 16 : cpu.tmp | 0;
            if (cpu.stop !== null || cpu.yieldReq !== 0) limit = 0;
          }
          const rt = (w >>> 16) & 31;
          if (rt === ldr) ldr = 32;
          gpr[ldr] = ldv; // commit the previous load (step 4); this one becomes pending
          gpr[0] = 0;
          ldr = rt;
          ldv = v;
          continue;
        }
        case 49: { // lw
          const va = (gpr[(w >>> 21) & 31]! + ((w << 16) >> 16)) | 0;
          const e = tc[va >>> 12]!;
          let v: number;
          if ((e & 1) !== 0 && (va & 3) === 0) {
            const pa = (e & -4096) | (va & 4095);
            const wa = pa >>> 2;
            if ((e & 4) !== 0) {
              const li = wa & dmask;
              if (dtags[li] !== wa) cyc += cpu.dataMiss(cyc, wa, li);
            } else {
              cyc += cpu.uncachedRead(cyc);
            }
            v = ram32[wa]!;
          } else {
            cpu.cyc = cyc;
            const st = cpu.loadSlow(va, 4);
            cyc = cpu.cyc | 0;
            if (st !== 0) {
              exc = st;
              break insn;
            }
            v = cpu.tmp | 0;
            if (cpu.stop !== null || cpu.yieldReq !== 0) limit = 0;
          }
          const rt = (w >>> 16) & 31;
          if (rt === ldr) ldr = 32;
          gpr[ldr] = ldv; // commit the previous load (step 4); this one becomes pending
          gpr[0] = 0;
          ldr = rt;
          ldv = v;
          continue;
        }
        case 48: // lwl
        case 52: { // lwr
          // Unaligned loads read the aligned word and merge into rt, or into rt's pending load
          // value (r3000.md §2, LWL/LWR bypass). Little-endian byte lanes.
          const va = (gpr[(w >>> 21) & 31]! + ((w << 16) >> 16)) | 0;
          const aligned = va & -4;
          const e = tc[aligned >>> 12]!;
          let m: number;
          if ((e & 1) !== 0) {
            const pa = (e & -4096) | (aligned & 4095);
            const wa = pa >>> 2;
            if ((e & 4) !== 0) {
              const li = wa & dmask;
              if (dtags[li] !== wa) cyc += cpu.dataMiss(cyc, wa, li);
            } else {
              cyc += cpu.uncachedRead(cyc);
            }
            m = ram32[wa]!;
          } else {
            cpu.cyc = cyc;
            const st = cpu.loadSlow(aligned, 4);
            cyc = cpu.cyc | 0;
            if (st !== 0) {
              exc = st;
              cpu.badVAddr = va;
              break insn;
            }
            m = cpu.tmp | 0;
            if (cpu.stop !== null || cpu.yieldReq !== 0) limit = 0;
          }
          const rt = (w >>> 16) & 31;
          const old = rt === ldr ? ldv : gpr[rt]!;
          const sh = (va & 3) << 3;
          let v: number;
          if (id === 48) {
            // lwl: memory bytes 0..k go to the top of rt.
            v = sh === 24 ? m : (old & ((1 << (24 - sh)) - 1)) | (m << (24 - sh));
          } else {
            // lwr: memory bytes k..3 go to the bottom of rt.
            v = sh === 0 ? m : (old & ~(-1 >>> sh)) | (m >>> sh);
          }
          if (rt === ldr) ldr = 32;
          gpr[ldr] = ldv; // commit the previous load (step 4); this one becomes pending
          gpr[0] = 0;
          ldr = rt;
          ldv = v;
          continue;
        }
        case 53: { // sb
          const va = (gpr[(w >>> 21) & 31]! + ((w << 16) >> 16)) | 0;
          const e = tc[va >>> 12]!;
          const value = gpr[(w >>> 16) & 31]!;
          if ((e & 2) !== 0) {
            const pa = (e & -4096) | (va & 4095);
            const wa = pa >>> 2;
            ram8[pa] = value;
            dec[wa] = NOT_DECODED;
            if ((e & 4) !== 0) {
              const li = wa & dmask;
              if (dtags[li] !== wa) dtags[li] = -1;
            }
            cyc += wb.push(cyc);
          } else {
            cpu.cyc = cyc;
            const st = cpu.storeSlow(va, 1, value & 0xff);
            cyc = cpu.cyc | 0;
            if (st !== 0) {
              exc = st;
              break insn;
            }
            if (cpu.stop !== null || cpu.yieldReq !== 0) limit = 0;
          }
          break;
        }
        case 54: { // sh
          const va = (gpr[(w >>> 21) & 31]! + ((w << 16) >> 16)) | 0;
          const e = tc[va >>> 12]!;
          const value = gpr[(w >>> 16) & 31]!;
          if ((e & 2) !== 0 && (va & 1) === 0) {
            const pa = (e & -4096) | (va & 4095);
            const wa = pa >>> 2;
            ram16[pa >>> 1] = value;
            dec[wa] = NOT_DECODED;
            if ((e & 4) !== 0) {
              const li = wa & dmask;
              if (dtags[li] !== wa) dtags[li] = -1;
            }
            cyc += wb.push(cyc);
          } else {
            cpu.cyc = cyc;
            const st = cpu.storeSlow(va, 2, value & 0xffff);
            cyc = cpu.cyc | 0;
            if (st !== 0) {
              exc = st;
              break insn;
            }
            if (cpu.stop !== null || cpu.yieldReq !== 0) limit = 0;
          }
          break;
        }
        case 56: { // sw
          const va = (gpr[(w >>> 21) & 31]! + ((w << 16) >> 16)) | 0;
          const e = tc[va >>> 12]!;
          const value = gpr[(w >>> 16) & 31]!;
          if ((e & 2) !== 0 && (va & 3) === 0) {
            const pa = (e & -4096) | (va & 4095);
            const wa = pa >>> 2;
            ram32[wa] = value;
            dec[wa] = NOT_DECODED;
            if ((e & 4) !== 0) dtags[wa & dmask] = wa;
            cyc += wb.push(cyc);
          } else {
            cpu.cyc = cyc;
            const st = cpu.storeSlow(va, 4, value);
            cyc = cpu.cyc | 0;
            if (st !== 0) {
              exc = st;
              break insn;
            }
            if (cpu.stop !== null || cpu.yieldReq !== 0) limit = 0;
          }
          break;
        }
        case 55: // swl
        case 57: { // swr
          // Unaligned stores: a read-modify-write of the aligned word on the host side; on the bus
          // it is one partial-word store (timing as a partial store).
          const va = (gpr[(w >>> 21) & 31]! + ((w << 16) >> 16)) | 0;
          cpu.cyc = cyc;
          const st = cpu.storeMerge(va, gpr[(w >>> 16) & 31]!, id === 55);
          cyc = cpu.cyc | 0;
          if (st !== 0) {
            exc = st;
            cpu.badVAddr = va;
            break insn;
          }
          if (cpu.stop !== null || cpu.yieldReq !== 0) limit = 0;
          break;
        }
        case 58: // tlbr
        case 59: // tlbwi
        case 60: // tlbwr
        case 61: // tlbp
        case 62: // rfe
        case 63: // mfc0
        case 64: // cfc0
        case 65: // mtc0
        case 66: // ctc0
        case 67: // bc0f
        case 68: // bc0t
        case 69: // c0
        case 70: // lwc0
        case 71: // swc0
        case 72: // mfc1
        case 73: // cfc1
        case 74: // mtc1
        case 75: // ctc1
        case 76: // bc1f
        case 77: // bc1t
        case 78: // c1
        case 79: // lwc1
        case 80: // swc1
        case 81: // mfc2
        case 82: // cfc2
        case 83: // mtc2
        case 84: // ctc2
        case 85: // bc2f
        case 86: // bc2t
        case 87: // c2
        case 88: // lwc2
        case 89: // swc2
        case 90: // mfc3
        case 91: // cfc3
        case 92: // mtc3
        case 93: // ctc3
        case 94: // bc3f
        case 95: // bc3t
        case 96: // c3
        case 97: // lwc3
        case 98: { // swc3
          // Coprocessor instructions are rare: coprocessor.ts runs them, keeping this loop small.
          cpu.cyc = cyc;
          cpu.pc = pc;
          cpu.npc = npc;
          cpu.ldReg = ldr;
          const st = execCoprocessor(cpu, id, w) | 0;
          cyc = cpu.cyc | 0;
          npc = cpu.npc | 0;
          ldr = cpu.ldReg | 0;
          tc = cpu.currentTc();
          fKey = 0xffc;
          if (st !== 0) {
            exc = st;
            break insn;
          }
          bd = cpu.copBd | 0;
          if (cpu.stop !== null || cpu.yieldReq !== 0) limit = 0;
          gpr[ldr] = ldv;
          gpr[0] = 0;
          ldr = cpu.copLdReg | 0;
          ldv = cpu.copLdVal | 0;
          continue;
        }
        case 126: // reserved instruction (bus.ts RI_ID)
          exc = EXC_RI;
          break insn;
        default:
          throw new Error(`internal: no interpreter case for id ${id}`);
      }

      gpr[ldr] = ldv;
      ldr = 32;
      gpr[0] = 0;
      continue;
    } // insn: reached only by `break insn` with `exc` set
    {
      // The faulting instruction does not retire and writes nothing; its own load is dropped.
      cpu.pc = pc;
      cpu.npc = npc;
      cpu.bd = bd;
      cpu.ldReg = ldr;
      cpu.ldVal = ldv;
      cpu.cyc = cyc;
      const completed = cpu.takeException(exc, cur, slot !== 0, cpu.badVAddr, exc === EXC_CPU ? cpu.copCe : 0);
      if (!completed) cnt[9] = cnt[9]! + 1; // CNT_FAULTED
      pc = cpu.pc | 0;
      npc = cpu.npc | 0;
      bd = cpu.bd | 0;
      ldr = cpu.ldReg | 0;
      ldv = cpu.ldVal | 0;
      cyc = cpu.cyc | 0;
      tc = cpu.currentTc();
      fKey = 0xffc;
      if (cpu.stop !== null || cpu.yieldReq !== 0) limit = 0;
    }
  }

  cpu.pc = pc;
  cpu.npc = npc;
  cpu.bd = bd;
  cpu.ldReg = ldr;
  cpu.ldVal = ldv;
  cpu.cyc = cyc;
  // Every iteration counts exactly one cycle plus stall cycles that the stall counters record, so
  // the iterations are the cycles minus the stalls; the exceptions' instructions did not retire.
  cnt[1] = cnt[1]! + cyc - cyc0 - (totalStalls(cpu) - stalls0) - (cnt[9]! - faulted0); // CNT_INSTRUCTIONS
}

function totalStalls(cpu: Cpu): number {
  const c = cpu.count;
  return c[CNT_STALL_ICACHE]! + c[CNT_STALL_DCACHE]! + c[CNT_STALL_UNCACHED]! + c[CNT_STALL_HILO]! + cpu.wb.stallCycles;
}

/**
 * HI:LO = a * b, 64-bit exact without BigInt (16-bit partial products stay below 2^53; for a
 * signed product the unsigned high word is corrected by subtracting the other operand for each
 * negative one: two's complement, a = au - 2^32 when a < 0). The block compiler calls it too.
 */
export function multiply(hilo: Int32Array, a: number, b: number, signed: boolean): void {
  const au = a >>> 0;
  const bu = b >>> 0;
  const al = au & 0xffff;
  const ah = au >>> 16;
  const bl = bu & 0xffff;
  const bh = bu >>> 16;
  const ll = al * bl;
  const lh = al * bh;
  const hl = ah * bl;
  const mid = (ll >>> 16) + (lh & 0xffff) + (hl & 0xffff);
  let hi = ah * bh + (lh >>> 16) + (hl >>> 16) + Math.floor(mid / 65536);
  if (signed) {
    if (a < 0) hi -= bu;
    if (b < 0) hi -= au;
  }
  hilo[0] = hi | 0; // HI
  hilo[1] = Math.imul(a, b); // LO
}

