/**
 * The boot ROM at physical 0x1FC00000 (the reset vector 0xBFC00000 in kseg1), 512 KB. Guest
 * writes are ignored (it is ROM); the loader fills it from ELF segments placed at 0xBFC00000 and up,
 * which is how a bare program provides its BEV=1 exception handlers. `written` remembers which
 * words the loader provided, so the machine can tell "no handler here" from a handler.
 */
import type { Device } from '../bus.js';

export const BOOTROM_BASE = 0x1fc00000;
export const BOOTROM_SIZE = 0x80000;

export class BootRom implements Device {
  readonly name = 'boot ROM';
  readonly bytes = new Uint8Array(BOOTROM_SIZE);
  private readonly view = new DataView(this.bytes.buffer);
  readonly written = new Uint8Array(BOOTROM_SIZE >>> 2);

  read(offset: number, size: number): number {
    return this.peek(offset, size);
  }

  peek(offset: number, size: number): number {
    if (size === 4) return this.view.getUint32(offset, true);
    if (size === 2) return this.view.getUint16(offset, true);
    return this.bytes[offset]!;
  }

  write(_offset: number, _size: number, _value: number): void {
    // Read-only memory: writes have no effect.
  }

  loadImage(offset: number, data: Uint8Array): boolean {
    if (offset + data.length > BOOTROM_SIZE) return false;
    this.bytes.set(data, offset);
    this.written.fill(1, offset >>> 2, (offset + data.length + 3) >>> 2);
    return true;
  }
}
