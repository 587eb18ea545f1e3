#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How a file too large to hold at once is linted: in sections read one after another, so
/// memory stays bounded whatever the file's size (a corpus dump of several gigabytes).
///
/// A section holds at most `size` bytes and ends where no term runs on: after a blank line,
/// else after a line break, else after a space or tab, else between two characters. Each
/// section is linted as a file of its own (`inconsistent` compares renderings within it and
/// `termlint-disable` regions end with it); its findings carry the file's own offsets,
/// lines and columns.
public struct Sectioning: Sendable {
  /// Files larger than this are linted in sections.
  public var threshold: Int
  /// The largest section.
  public var size: Int

  public init(threshold: Int, size: Int) {
    self.threshold = threshold
    self.size = max(size, 16)
  }

  /// Files over 64 MB, in sections of up to 2 MB (a file full of findings holds about
  /// 1 KB per finding while a section is linted: 2 MB keeps that under 100 MB).
  public static let standard = Sectioning(threshold: 64 << 20, size: 2 << 20)
}

/// Reads a file section by section (see `Sectioning`), keeping track of where each
/// section starts in the file: byte offset, line and column.
struct SectionReader: ~Copyable {
  /// One section's bytes and where they start in the file.
  struct Section {
    var bytes: [UInt8]
    var offset: Int
    var line: Int
    var column: Int
    var isLast: Bool
  }

  private let descriptor: Int32
  private let size: Int
  /// Bytes read and not yet in a section.
  private var carry: [UInt8] = []
  private var atEnd = false
  private var offset = 0
  private var line = 1
  private var column = 1

  /// Opens `path`; throws the system's message.
  init(path: String, size: Int) throws(FileError) {
    descriptor = open(path, O_RDONLY | O_CLOEXEC)
    if descriptor < 0 { throw FileError(message: FileReader.systemMessage(errno)) }
    self.size = size
  }

  deinit { close(descriptor) }

  /// Reads until `carry` holds `size` bytes or the file ends.
  private mutating func fill() throws(FileError) {
    var chunk = [UInt8](repeating: 0, count: min(1 << 20, size))
    while carry.count < size && !atEnd {
      let wanted = min(chunk.count, size - carry.count)
      let got = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, wanted) }
      if got < 0 {
        if errno == EINTR { continue }
        throw FileError(message: FileReader.systemMessage(errno))
      }
      if got == 0 { atEnd = true } else { carry.append(contentsOf: chunk[..<got]) }
    }
  }

  /// The next section, or nil at the end of the file.
  mutating func next() throws(FileError) -> Section? {
    try fill()
    if carry.isEmpty { return nil }
    var bytes: [UInt8]
    if atEnd {
      bytes = carry
      carry = []
    } else {
      let cut = Self.cut(carry)
      bytes = Array(carry[..<cut])
      carry.removeSubrange(..<cut)
      // Nothing left over: read ahead to learn whether this section is the last.
      if carry.isEmpty { try fill() }
    }
    let section = Section(
      bytes: bytes, offset: offset, line: line, column: column, isLast: atEnd && carry.isEmpty)
    advance(over: bytes)
    return section
  }

  /// Moves the start of the next section past `bytes`: lines (LF, CRLF or a lone CR) and
  /// the column within the last one.
  private mutating func advance(over bytes: [UInt8]) {
    // A byte-order mark is not part of line 1's columns.
    let textStart = offset == 0 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    offset += bytes.count
    var index = textStart
    var lastLineStart = -1
    while index < bytes.count {
      let byte = bytes[index]
      if byte == 0x0A || (byte == 0x0D && (index + 1 >= bytes.count || bytes[index + 1] != 0x0A)) {
        line += 1
        lastLineStart = index + 1
      }
      index += 1
    }
    if lastLineStart >= 0 { column = 1 }
    for byte in bytes[max(lastLineStart, textStart)...] where byte & 0xC0 != 0x80 { column += 1 }
  }

  /// Where to end a full buffer: after the last blank line, else the last line break, else
  /// the last space or tab, else before the last character's first byte.
  static func cut(_ bytes: [UInt8]) -> Int {
    let count = bytes.count
    var lastBreak = -1
    var index = count - 1
    while index > 0 {
      // A lone CR ends a line too (one at the very end may be half of a CRLF).
      if bytes[index] == 0x0D && index + 1 < count && bytes[index + 1] != 0x0A && lastBreak < 0 {
        lastBreak = index + 1
      }
      if bytes[index] == 0x0A {
        if lastBreak < 0 { lastBreak = index + 1 }
        // A blank line: LF, optional CR, LF.
        var before = index - 1
        if bytes[before] == 0x0D && before > 0 { before -= 1 }
        if bytes[before] == 0x0A { return index + 1 }
      }
      index -= 1
    }
    if lastBreak > 0 { return lastBreak }
    if let space = bytes.lastIndex(where: { $0 == 0x20 || $0 == 0x09 }), space > 0 {
      return space + 1
    }
    var character = count - 1
    while character > 0 && bytes[character] & 0xC0 == 0x80 { character -= 1 }
    return max(character, 1)
  }
}
