/**
 * Executing the `:` commands (commands.ts parses them) on the controller: stop points, examining
 * memory, printing and setting registers, and the commands that move time, which go through the
 * controller's sliced runs and history replays like the keys do. A bad argument throws
 * CommandError; the controller shows its message on the command line.
 */
import { disassemble } from '../assembler/disasm.js';
import { REG_PC } from '../emulator/debug/types.js';
import { COMMAND_HELP, CommandError, type Command } from './commands.js';
import type { DebugController } from './controller.js';
import { expandTabs, hex0x8, hex8 } from './format.js';
import { wordOf } from './inspect.js';
import { keyHelpLines } from './keys.js';
import { excName } from './views/cp0.js';
import { softTranslate } from './views/kernel.js';
import { breakpointListLines } from './views/logs.js';
import { engineRegister } from './views/registers.js';
import { examineLines } from './views/memory.js';

const hex = (v: number): string => `0x${(v >>> 0).toString(16)}`;

export function executeCommand(c: DebugController, cmd: Command): void {
  const s = c.session;
  const moves = new Set(['stepi', 'nexti', 'continue', 'until', 'goto', 'reverseStepi', 'reverseContinue']);
  if (moves.has(cmd.kind) && c.blocked() !== null) throw new CommandError(c.blocked()!);
  switch (cmd.kind) {
    case 'break': {
      const a = c.eval(cmd.loc);
      const b = s.addBreakpoint(a);
      c.setMessage(`Breakpoint ${b.id} at ${c.where(a)}`);
      return;
    }
    case 'delete': {
      const all = [...s.breakpoints(), ...s.watchpoints(), ...s.catchpoints()].map((p) => p.id);
      const ids = cmd.ids.length === 0 ? all : cmd.ids;
      const missing = ids.filter((id) => !s.remove(id));
      if (missing.length > 0) throw new CommandError(`no stop point ${missing.join(', ')}`);
      c.setMessage(ids.length === 0 ? 'Nothing to delete.' : `Deleted ${ids.join(', ')}`);
      return;
    }
    case 'watch': {
      const a = c.eval(cmd.addr);
      const w = s.addWatchpoint(cmd.physical ? 'physical' : 'virtual', a, cmd.len, cmd.watch);
      c.setMessage(`Watchpoint ${w.id}: ${cmd.watch} of ${cmd.physical ? 'pa' : 'va'} ${hex0x8(a)}..+${cmd.len}`);
      return;
    }
    case 'catch': {
      const asid = cmd.env !== undefined ? c.envAsid(cmd.env) : undefined;
      const cp = s.addCatchpoint(cmd.code, asid);
      c.setMessage(`Catchpoint ${cp.id}: ${excName(cmd.code)}${asid !== undefined ? ` in ASID ${asid}` : ''}`);
      return;
    }
    case 'examine': {
      const a = c.eval(cmd.addr);
      if (cmd.format === 'i') {
        const bytes = cmd.physical ? s.readPhysical(a, cmd.count * 4) : s.readVirtual(a, cmd.count * 4);
        const asid = c.asid();
        const lines = Array.from({ length: cmd.count }, (_, i) => {
          const addr = (a + 4 * i) >>> 0;
          let w = wordOf(bytes, 4 * i);
          if (w === null && !cmd.physical) {
            const soft = softTranslate(s.machine, c.kernel(), addr, asid);
            if (soft !== null) w = wordOf(s.readPhysical(soft.paddr, 4));
          }
          const name = c.symbols.describe(addr, asid);
          const text = w === null ? '(no translation)' : expandTabs(disassemble(w, addr, { symbols: (x) => c.symbols.lookup(x, asid) }).text);
          return `${addr === c.pc() ? '=> ' : '   '}${hex8(addr)}${name ? ` <${name}>` : ''}:  ${w === null ? '--------' : hex8(w)}  ${text}`;
        });
        c.showOutput(lines, `x/${cmd.count}i ${cmd.addr}`);
      } else {
        c.showOutput(examineLines(s, a, cmd.count, cmd.unit, cmd.format, cmd.physical ? 'physical' : 'virtual'), `x/${cmd.count}${'?bh?w'[cmd.unit]}${cmd.format} ${cmd.physical ? '-p ' : ''}${cmd.addr}`);
      }
      return;
    }
    case 'info':
      switch (cmd.what) {
        case 'tlb': return c.setFocus('tlb');
        case 'envs':
          if (!c.firmware) throw new CommandError('info envs: this run has no environments (no exokernel)');
          return c.setFocus('envs');
        case 'exceptions': return c.setFocus('exceptions');
        case 'cp0': return c.setFocus('cp0');
        case 'breakpoints': return c.showOutput(breakpointListLines(s, c.symbols), 'Num  Type   On  Where');
        case 'registers': return c.showOutput(c.registerDump(), 'info registers');
      }
      return;
    case 'print': {
      const v = c.eval(cmd.expr);
      const f = cmd.format;
      const text = f === 'x' ? hex(v) : f === 'd' ? String(v | 0) : f === 'u' ? String(v >>> 0) : f === 't' ? (v >>> 0).toString(2) : JSON.stringify(String.fromCharCode(v & 0xff));
      const name = f === 'x' ? c.symbols.describe(v, c.asid(), true) : '';
      c.setMessage(`${cmd.expr} = ${text}${name ? ` <${name}>` : ''}`);
      return;
    }
    case 'setReg': {
      const n = engineRegister(cmd.reg.toLowerCase());
      if (n === undefined) throw new CommandError(`cannot set $${cmd.reg} (GPRs, pc, hi, lo, sr, cause, badvaddr)`);
      if (n === 0) throw new CommandError('$zero is always 0');
      if (c.blocked() !== null) throw new CommandError(c.blocked()!);
      const v = c.eval(cmd.expr);
      s.writeRegister(n, v);
      if (n === REG_PC) c.cursor = v >>> 0;
      c.setMessage(`$${cmd.reg} = ${hex(v)} (later history discarded)`);
      return;
    }
    case 'setMem': {
      if (c.blocked() !== null) throw new CommandError(c.blocked()!);
      const a = c.eval(cmd.addr);
      const v = c.eval(cmd.expr);
      const ok = s.writeMemory('virtual', a, new Uint8Array([v & 255, (v >>> 8) & 255, (v >>> 16) & 255, (v >>> 24) & 255]));
      if (!ok) throw new CommandError(`cannot write memory at ${hex0x8(a)} (not mapped RAM)`);
      c.setMessage(`*${hex0x8(a)} = ${hex(v)}`);
      return;
    }
    case 'goto': return c.reverse(() => s.gotoInstruction(cmd.n));
    case 'until': {
      const a = c.eval(cmd.loc);
      return c.runTo(a);
    }
    case 'stepi': return c.step(cmd.n);
    case 'nexti':
      if (cmd.n !== 1) throw new CommandError('nexti takes no count here (use n repeatedly)');
      return c.stepOver();
    case 'continue': return c.cont();
    case 'reverseStepi': return c.reverse(() => s.stepBack(cmd.n));
    case 'reverseContinue': return c.reverse(() => s.reverseContinue());
    case 'memory': {
      c.memAddr = c.eval(cmd.addr);
      c.memFollowsSp = false;
      c.memSpace = cmd.physical ? 'physical' : 'virtual';
      return c.setFocus('memory');
    }
    case 'tlbFilter':
      c.tlbFilter = cmd.filter === 'all' ? { kind: 'all' } : cmd.filter === 'valid' ? { kind: 'valid' } : { kind: 'asid', asid: cmd.filter === 'current' ? c.asid() : cmd.filter };
      c.scroll.tlb = 0;
      return c.setFocus('tlb');
    case 'input':
      s.sendInput(new TextEncoder().encode(cmd.text));
      c.setMessage(`Queued ${cmd.text.length} bytes of console input`);
      return;
    case 'help':
      return c.showOutput([...COMMAND_HELP, '', 'Keys:', ...keyHelpLines()], 'Commands (gdb-like):');
    case 'quit':
      if (c.state !== 'paused') throw new CommandError('pause first (p or Ctrl-C)');
      c.onQuit();
      return;
  }
}
