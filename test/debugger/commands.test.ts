/** The `:` command parser and expression evaluator, and the key-binding table. */
import { describe, expect, it } from 'vitest';
import { CommandError, evalExpr, parseCommand, parseExcCode, type ExprContext } from '../../debugger/commands.js';
import { KEY_BINDINGS, bindingFor, keyHelpLines } from '../../debugger/keys.js';
import { NO_KEY } from '../../debugger/controller.js';

describe('parseCommand', () => {
  it('parses the gdb-like commands', () => {
    expect(parseCommand('break main')).toEqual({ kind: 'break', loc: 'main' });
    expect(parseCommand('b *0x80000080')).toEqual({ kind: 'break', loc: '0x80000080' });
    expect(parseCommand('delete 3 4')).toEqual({ kind: 'delete', ids: [3, 4] });
    expect(parseCommand('watch -r -p 0x1000 8')).toEqual({ kind: 'watch', watch: 'read', physical: true, addr: '0x1000', len: 8 });
    expect(parseCommand('watch buf')).toEqual({ kind: 'watch', watch: 'write', physical: false, addr: 'buf', len: 4 });
    expect(parseCommand('awatch $sp')).toMatchObject({ kind: 'watch', watch: 'access', addr: '$sp' });
    expect(parseCommand('catch TLBL')).toEqual({ kind: 'catch', code: 2 });
    expect(parseCommand('catch exc sys 0x41')).toEqual({ kind: 'catch', code: 8, env: '0x41' });
    expect(parseCommand('x/16wx $sp')).toEqual({ kind: 'examine', count: 16, format: 'x', unit: 4, physical: false, addr: '$sp' });
    expect(parseCommand('x/8xb -p 0x100')).toEqual({ kind: 'examine', count: 8, format: 'x', unit: 1, physical: true, addr: '0x100' });
    expect(parseCommand('x/4i $pc')).toMatchObject({ kind: 'examine', count: 4, format: 'i', unit: 4 });
    expect(parseCommand('x/2hd buf')).toMatchObject({ count: 2, format: 'd', unit: 2 });
    expect(parseCommand('info tlb')).toEqual({ kind: 'info', what: 'tlb' });
    expect(parseCommand('i r')).toEqual({ kind: 'info', what: 'registers' });
    expect(parseCommand('info breakpoints')).toEqual({ kind: 'info', what: 'breakpoints' });
    expect(parseCommand('info envs')).toEqual({ kind: 'info', what: 'envs' });
    expect(parseCommand('p $t0')).toEqual({ kind: 'print', format: 'x', expr: '$t0' });
    expect(parseCommand('p/d $v0')).toEqual({ kind: 'print', format: 'd', expr: '$v0' });
    expect(parseCommand('set $t0 = 5')).toEqual({ kind: 'setReg', reg: 't0', expr: '5' });
    expect(parseCommand('set *0x80001000 = 0x12')).toEqual({ kind: 'setMem', addr: '0x80001000', expr: '0x12' });
    expect(parseCommand('goto 1234')).toEqual({ kind: 'goto', n: 1234 });
    expect(parseCommand('until main+8')).toEqual({ kind: 'until', loc: 'main+8' });
    expect(parseCommand('reverse-stepi 5')).toEqual({ kind: 'reverseStepi', n: 5 });
    expect(parseCommand('rsi')).toEqual({ kind: 'reverseStepi', n: 1 });
    expect(parseCommand('reverse-continue')).toEqual({ kind: 'reverseContinue' });
    expect(parseCommand('si 10')).toEqual({ kind: 'stepi', n: 10 });
    expect(parseCommand('help')).toEqual({ kind: 'help' });
    expect(parseCommand('tlb valid')).toEqual({ kind: 'tlbFilter', filter: 'valid' });
    expect(parseCommand('tlb 5')).toEqual({ kind: 'tlbFilter', filter: 5 });
    expect(parseCommand('input hi\\n')).toEqual({ kind: 'input', text: 'hi\n' });
    expect(parseCommand('   ')).toBeNull();
  });

  it('rejects bad commands with one-line messages', () => {
    const bad = ['frobnicate', 'break', 'watch', 'watch 1 2 3', 'watch x 0', 'catch NOPE', 'catch 40', 'x/16q $sp', 'x/4x', 'info nothing',
      'p', 'p/z 1', 'set t0 5', 'goto', 'goto x', 'tlb 64', 'delete x'];
    for (const b of bad) {
      let err: unknown;
      try {
        parseCommand(b);
      } catch (e) {
        err = e;
      }
      expect(err, b).toBeInstanceOf(CommandError);
      expect((err as Error).message, b).not.toContain('\n');
    }
  });

  it('exception codes by name, alias or number', () => {
    expect(parseExcCode('Sys')).toBe(8);
    expect(parseExcCode('syscall')).toBe(8);
    expect(parseExcCode('mod')).toBe(1);
    expect(parseExcCode('12')).toBe(12);
  });
});

describe('evalExpr', () => {
  const ctx: ExprContext = {
    reg: (n) => ({ t0: 5, sp: 0x7fff0000, pc: 0x400000 })[n],
    sym: (n) => ({ main: 0x400100, 'buf.x': 0x10010000 })[n],
    read32: (a) => (a === 0x7fff0004 ? 0xdeadbeef : null),
  };
  it('numbers, registers, symbols, sums, parentheses and dereference', () => {
    expect(evalExpr('0x10', ctx)).toBe(16);
    expect(evalExpr('42', ctx)).toBe(42);
    expect(evalExpr('$t0', ctx)).toBe(5);
    expect(evalExpr('main+8', ctx)).toBe(0x400108);
    expect(evalExpr('main - 0x100', ctx)).toBe(0x400000);
    expect(evalExpr('*($sp+4)', ctx)).toBe(0xdeadbeef);
    expect(evalExpr('-1', ctx)).toBe(0xffffffff);
    expect(evalExpr('buf.x', ctx)).toBe(0x10010000);
  });
  it('reports unknown names and unreadable memory', () => {
    expect(() => evalExpr('$nope', ctx)).toThrow(/unknown register \$nope/);
    expect(() => evalExpr('nosuch', ctx)).toThrow(/no symbol 'nosuch'/);
    expect(() => evalExpr('*0', ctx)).toThrow(/cannot read memory at 0x0/);
    expect(() => evalExpr('1 +', ctx)).toThrow(CommandError);
    expect(() => evalExpr('(1', ctx)).toThrow(/'\)' expected/);
  });
});

describe('key bindings', () => {
  const key = (over: Partial<typeof NO_KEY>) => ({ ...NO_KEY, ...over });
  it('every action the issue names has a key, in one table', () => {
    const acts = new Set(KEY_BINDINGS.map((b) => b.action));
    for (const a of ['step', 'stepOver', 'continue', 'pause', 'runToCursor', 'toggleBreakpoint', 'stepBack', 'reverseContinue', 'help', 'quit', 'command'] as const) {
      expect(acts.has(a), a).toBe(true);
    }
  });
  it('maps keys to actions', () => {
    expect(bindingFor('s', NO_KEY)?.action).toBe('step');
    expect(bindingFor('S', key({ shift: true }))?.action).toBe('stepBack');
    expect(bindingFor('c', NO_KEY)?.action).toBe('continue');
    expect(bindingFor('c', key({ ctrl: true }))?.action).toBe('pause');
    expect(bindingFor('', key({ upArrow: true }))?.action).toBe('cursorUp');
    expect(bindingFor('', key({ tab: true }))?.action).toBe('nextPane');
    expect(bindingFor('', key({ tab: true, shift: true }))?.action).toBe('prevPane');
    expect(bindingFor('3', NO_KEY)?.action).toBe('pane3');
    expect(bindingFor('x', NO_KEY)).toBeUndefined();
  });
  it('only pause, help, navigation and panes work while running', () => {
    const running = KEY_BINDINGS.filter((b) => b.whileRunning === true).map((b) => b.action);
    expect(running).toContain('pause');
    expect(running).not.toContain('step');
    expect(running).not.toContain('quit');
    expect(running).not.toContain('continue');
  });
  it('the help lists each labelled binding once', () => {
    const lines = keyHelpLines();
    expect(lines.some((l) => l.startsWith('p  Ctrl-C'))).toBe(true);
    expect(lines.length).toBe(KEY_BINDINGS.filter((b) => b.label !== '').length);
  });
});
