#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How a file too large to hold at once is linted: in sections read one after another, so
/// memory stays bounded whatever the file's size (a corpus dump of several gigabytes).
///
/// A section holds at most `size` bytes and ends where no term runs on: after a blank line,
/// else after a line break, else after a sentence end (`. `, `。`…), else after a space or
/// tab, else between two characters. Each section is linted as a file of its own
/// (`inconsistent` compares renderings within it and `termlint-disable` regions end with
/// it); its findings carry the file's own offsets, lines and columns.
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

  /// Whether `path` is read in sections: a regular file larger than `threshold` whose
  /// format has no reader (a file in a format with a reader is read whole by it: an XML
  /// file cannot be cut).
  public func cuts(_ path: String, linter: Linter) -> Bool {
    guard let size = FileReader.size(of: path), size > threshold else { return false }
    return ReaderRegistry.reader(for: linter.configuration.format(for: path)) == nil
  }
}

/// A place in a file: byte offset, 1-based line and Unicode-scalar column, moved forward
/// over bytes as `LineIndex` counts them (lines end at LF, CRLF or a lone CR; a byte-order
/// mark at offset 0 is not part of line 1's columns).
struct TextPosition: Sendable, Equatable {
  var offset = 0
  var line = 1
  var column = 1

  /// Moves past `bytes`, which follow this position in the file.
  mutating func advance(over bytes: [UInt8]) {
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
}

/// What says a file is still the one that was read: device and inode (not replaced by
/// another file), size, and modification and status-change times (not written since).
/// Times have the file system's granularity, so a content check goes with it (see
/// `StreamedFixer`).
public struct FileStamp: Equatable, Sendable {
  var device: UInt64
  var inode: UInt64
  var size: Int64
  /// Seconds and nanoseconds.
  var modified: [Int]
  var changed: [Int]

  init(_ info: stat) {
    device = UInt64(info.st_dev)
    inode = UInt64(info.st_ino)
    size = Int64(info.st_size)
    #if canImport(Darwin)
      modified = [Int(info.st_mtimespec.tv_sec), Int(info.st_mtimespec.tv_nsec)]
      changed = [Int(info.st_ctimespec.tv_sec), Int(info.st_ctimespec.tv_nsec)]
    #else
      modified = [Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec)]
      changed = [Int(info.st_ctim.tv_sec), Int(info.st_ctim.tv_nsec)]
    #endif
  }

  /// The stamp of an open file.
  init?(descriptor: Int32) {
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { return nil }
    self.init(info)
  }

  /// The stamp of the file at `path` (through symbolic links), or nil if there is none.
  init?(path: String) {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    self.init(info)
  }
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
  /// Where the next section starts.
  private var start = TextPosition()

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
      bytes: bytes, offset: start.offset, line: start.line, column: start.column,
      isLast: atEnd && carry.isEmpty)
    start.advance(over: bytes)
    return section
  }

  /// Hands the file's first `count` bytes to `body`, 1 MB at a time, read again from the
  /// open file (`pread`: the place of the next section does not move).
  func copy(
    upTo count: Int, into body: (ArraySlice<UInt8>) throws(FileError) -> Void
  ) throws(FileError) {
    var chunk = [UInt8](repeating: 0, count: min(1 << 20, max(count, 1)))
    var done = 0
    while done < count {
      let wanted = min(chunk.count, count - done)
      let got = chunk.withUnsafeMutableBytes { buffer in
        pread(descriptor, buffer.baseAddress, wanted, off_t(done))
      }
      if got < 0 {
        if errno == EINTR { continue }
        throw FileError(message: FileReader.systemMessage(errno))
      }
      if got == 0 { throw FileError.changed }
      try body(chunk[..<got])
      done += got
    }
  }

  /// The identity and state of the open file (see `FileStamp`), or nil if `fstat` fails.
  var stamp: FileStamp? { FileStamp(descriptor: descriptor) }

  /// Just after the last sentence end of a buffer with no line break: `.`, `!`, `?` or `;`
  /// and a space or tab, or a full-width `。`, `！`, `？` or `；`. A term may hold a
  /// space (so a cut at any space can split one) but not a sentence end.
  static func lastSentenceEnd(_ bytes: [UInt8]) -> Int? {
    var index = bytes.count - 1
    while index > 0 {
      let byte = bytes[index]
      if byte == 0x20 || byte == 0x09 {
        let before = bytes[index - 1]
        if before == 0x2E || before == 0x21 || before == 0x3F || before == 0x3B { return index + 1 }
      } else if index >= 2 && bytes[index - 2] == 0xE3 && bytes[index - 1] == 0x80 && byte == 0x82 {
        return index + 1
      } else if index >= 2 && bytes[index - 2] == 0xEF && bytes[index - 1] == 0xBC
        && (byte == 0x81 || byte == 0x9F || byte == 0x9B)
      {
        return index + 1
      }
      index -= 1
    }
    return nil
  }

  /// Where to end a full buffer: after the last blank line, else the last line break, else
  /// the last sentence end, else the last space or tab, else before the last character's
  /// first byte.
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
    if let sentence = lastSentenceEnd(bytes) { return sentence }
    if let space = bytes.lastIndex(where: { $0 == 0x20 || $0 == 0x09 }), space > 0 {
      return space + 1
    }
    var character = count - 1
    while character > 0 && bytes[character] & 0xC0 == 0x80 { character -= 1 }
    return max(character, 1)
  }
}
