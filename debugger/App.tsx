/**
 * The Ink components: the whole debugger (`App`) and a single pane (`PaneView`, for tests and for
 * embedding). Each is one <Text> of pre-formatted lines from screen.ts (debugger.md §3.4); React
 * holds no emulator state, it re-renders when the controller's version changes.
 */
import { Text, useInput, useStdin, useStdout } from 'ink';
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { DebugController, PaneId } from './controller.js';
import { paneLines, renderScreen } from './screen.js';

export interface AppProps {
  readonly controller: DebugController;
  /** Fixed size (tests); default the terminal's, following resizes. */
  readonly columns?: number;
  readonly rows?: number;
}

function useTerminalSize(columns?: number, rows?: number): { cols: number; rows: number } {
  const { stdout } = useStdout();
  const read = (): { cols: number; rows: number } => ({ cols: columns ?? stdout.columns ?? 100, rows: rows ?? stdout.rows ?? 30 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    if (columns !== undefined && rows !== undefined) return;
    const onResize = (): void => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, columns, rows]);
  return size;
}

function useControllerVersion(c: DebugController): number {
  return useSyncExternalStore(c.subscribe, c.getVersion);
}

export function App({ controller, columns, rows }: AppProps) {
  useControllerVersion(controller);
  const size = useTerminalSize(columns, rows);
  // Without raw mode (stdin not a terminal) useInput would throw; the CLI refuses that case first.
  const { isRawModeSupported } = useStdin();
  useInput((input, key) => controller.handleKey(input, key), { isActive: isRawModeSupported === true });
  const lines = renderScreen(controller, size.cols, size.rows);
  return <Text wrap="truncate-end">{lines.join('\n')}</Text>;
}

export interface PaneViewProps {
  readonly controller: DebugController;
  readonly pane: PaneId;
  readonly width: number;
  readonly rows: number;
}

/** One pane alone, following the controller (no key handling). */
export function PaneView({ controller, pane, width, rows }: PaneViewProps) {
  useControllerVersion(controller);
  return <Text wrap="truncate-end">{paneLines(controller, pane, width, rows).join('\n')}</Text>;
}
