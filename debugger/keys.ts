/**
 * The key bindings, as data: the one place that says which key does what. The help overlay and
 * docs/debugger.md list this table; the App dispatches through `actionFor`. Plain letters (gdb
 * and radare2 style), because Ink exposes no function keys (debugger.md §3.2).
 */
import type { Key } from 'ink';

export type Action =
  | 'step' | 'stepOver' | 'continue' | 'pause' | 'runToCursor' | 'toggleBreakpoint'
  | 'stepBack' | 'reverseContinue' | 'help' | 'quit' | 'command'
  | 'cursorUp' | 'cursorDown' | 'pageUp' | 'pageDown' | 'cursorToPc'
  | 'nextPane' | 'prevPane' | 'toggleSpace' | 'cycleFilter' | 'activate'
  | 'pane1' | 'pane2' | 'pane3' | 'pane4' | 'pane5' | 'pane6' | 'pane7' | 'pane8';

export interface KeyBinding {
  /** What to press, as the help shows it. */
  readonly label: string;
  readonly action: Action;
  readonly help: string;
  /** Works while the guest runs (everything else waits for a pause). */
  readonly whileRunning?: boolean;
  readonly match: (input: string, key: Key) => boolean;
}

const ch = (c: string) => (input: string, key: Key): boolean => !key.ctrl && !key.meta && input === c;

export const KEY_BINDINGS: readonly KeyBinding[] = [
  { label: 's', action: 'step', help: 'step one instruction (a branch with its delay slot)', match: ch('s') },
  { label: 'n', action: 'stepOver', help: 'step over a call (jal/jalr/bal: run until it returns)', match: ch('n') },
  { label: 'c', action: 'continue', help: 'continue until a breakpoint, watchpoint, catchpoint or exit', match: ch('c') },
  { label: 'p  Ctrl-C', action: 'pause', help: 'pause the running guest (Ctrl-C never quits while running)', whileRunning: true,
    match: (input, key) => (key.ctrl && input === 'c') || (!key.ctrl && input === 'p') },
  { label: 'r', action: 'runToCursor', help: 'run to the cursor line of the disassembly', match: ch('r') },
  { label: 'b', action: 'toggleBreakpoint', help: 'toggle a breakpoint at the cursor line', match: ch('b') },
  { label: 'S', action: 'stepBack', help: 'step back one instruction (reverse-stepi)', match: ch('S') },
  { label: 'C', action: 'reverseContinue', help: 'continue backwards to the previous stop point', match: ch('C') },
  { label: ':', action: 'command', help: 'command line (`:help` lists the commands; while running, those that do not move time)', whileRunning: true, match: ch(':') },
  { label: '?', action: 'help', help: 'this help (any key closes it)', whileRunning: true, match: ch('?') },
  { label: 'q', action: 'quit', help: 'quit (when paused)', match: ch('q') },
  { label: '↑ ↓  k j', action: 'cursorUp', help: 'move the cursor / scroll the focused pane', whileRunning: true, match: (i, k) => k.upArrow || ch('k')(i, k) },
  { label: '', action: 'cursorDown', help: '', whileRunning: true, match: (i, k) => k.downArrow || ch('j')(i, k) },
  { label: 'PgUp PgDn', action: 'pageUp', help: 'scroll a page', whileRunning: true, match: (_i, k) => k.pageUp },
  { label: '', action: 'pageDown', help: '', whileRunning: true, match: (_i, k) => k.pageDown },
  { label: '.', action: 'cursorToPc', help: 'cursor back to PC (and the pane back to its start)', whileRunning: true, match: (i, k) => k.home || ch('.')(i, k) },
  { label: 'Tab  Shift-Tab', action: 'nextPane', help: 'focus the next / previous pane', whileRunning: true, match: (_i, k) => k.tab && !k.shift },
  { label: '', action: 'prevPane', help: '', whileRunning: true, match: (_i, k) => k.tab && k.shift },
  { label: '1-8', action: 'pane1', help: 'show a pane: 1 code 2 cp0 3 tlb 4 memory 5 console 6 exceptions 7 envs 8 output', whileRunning: true, match: ch('1') },
  { label: '', action: 'pane2', help: '', whileRunning: true, match: ch('2') },
  { label: '', action: 'pane3', help: '', whileRunning: true, match: ch('3') },
  { label: '', action: 'pane4', help: '', whileRunning: true, match: ch('4') },
  { label: '', action: 'pane5', help: '', whileRunning: true, match: ch('5') },
  { label: '', action: 'pane6', help: '', whileRunning: true, match: ch('6') },
  { label: '', action: 'pane7', help: '', whileRunning: true, match: ch('7') },
  { label: '', action: 'pane8', help: '', whileRunning: true, match: ch('8') },
  { label: 'Enter', action: 'activate', help: 'exceptions pane: go to the selected exception (reverse execution)', match: (_i, k) => k.return },
  { label: 'v', action: 'toggleSpace', help: 'memory pane: virtual / physical addresses', whileRunning: true, match: ch('v') },
  { label: 'f', action: 'cycleFilter', help: 'TLB pane: filter all / valid / current ASID', whileRunning: true, match: ch('f') },
];

/** The binding a key event triggers, or undefined. */
export function bindingFor(input: string, key: Key): KeyBinding | undefined {
  return KEY_BINDINGS.find((b) => b.match(input, key));
}

/** The help text: one line per binding that has a label. */
export function keyHelpLines(): string[] {
  return KEY_BINDINGS.filter((b) => b.label !== '').map((b) => `${b.label.padEnd(15)} ${b.help}`);
}
