/**
 * The records of a ZIP archive whose members are STORED (not compressed), with UTF-8 names: enough to write the
 * wheels of the upload benchmark and of the tests. Each function returns the record followed by the member's name.
 */
const VERSION = 20;
const UTF8_NAMES = 0x0800;

/** A member's local header; its `size` bytes of data follow it. */
export function localHeader(name, size, crc) {
  const name8 = Buffer.from(name, "utf8");
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(VERSION, 4);
  header.writeUInt16LE(UTF8_NAMES, 6);
  header.writeUInt32LE(crc, 14);
  header.writeUInt32LE(size, 18);
  header.writeUInt32LE(size, 22);
  header.writeUInt16LE(name8.length, 26);
  return Buffer.concat([header, name8]);
}

/** A member's central directory record; `offset` is where its local header starts. */
export function centralHeader(name, size, crc, offset) {
  const name8 = Buffer.from(name, "utf8");
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE(VERSION, 4);
  header.writeUInt16LE(VERSION, 6);
  header.writeUInt16LE(UTF8_NAMES, 8);
  header.writeUInt32LE(crc, 16);
  header.writeUInt32LE(size, 20);
  header.writeUInt32LE(size, 24);
  header.writeUInt16LE(name8.length, 28);
  header.writeUInt32LE(offset, 42);
  return Buffer.concat([header, name8]);
}

/** The end of the central directory: `count` members, the directory's size and where it starts. */
export function endOfCentralDirectory(count, size, offset) {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return end;
}
