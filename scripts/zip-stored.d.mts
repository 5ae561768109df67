export function localHeader(name: string, size: number, crc: number): Buffer;
export function centralHeader(name: string, size: number, crc: number, offset: number): Buffer;
export function endOfCentralDirectory(count: number, size: number, offset: number): Buffer;
