#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file's original bytes, checked to be UTF-8 text, with its byte-order mark and line
/// endings noted.
public struct SourceFile: Sendable {
  /// The path as the user gave it or as the walk found it, used in reports.
  public let path: String
  /// The whole file, byte-order mark included.
  public let bytes: [UInt8]
  /// Where the text starts: 3 after a UTF-8 byte-order mark, else 0.
  public let textStart: Int
  public let lineEnding: LineEnding
  public let lineIndex: LineIndex

  public enum LineEnding: String, Sendable {
    case lf, crlf, cr, mixed, none
  }

  /// Why a file's bytes cannot be linted as text.
  public enum Rejection: Error, Equatable, Sendable {
    /// A NUL byte: the file is binary (the test git uses).
    case binary
    /// The bytes are not valid UTF-8; `offset` is the first bad byte.
    case invalidUTF8(offset: Int)
  }

  /// Checks `bytes` and builds the line index. Throws `Rejection` for binary or non-UTF-8
  /// input.
  ///
  /// A section of a larger file (`firstLine` and `firstColumn` say where it starts) has no
  /// byte-order mark of its own.
  public init(path: String, bytes: [UInt8], firstLine: Int = 1, firstColumn: Int = 1)
    throws(Rejection)
  {
    let isSection = firstLine != 1 || firstColumn != 1
    let hasBOM =
      !isSection && bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    let start = hasBOM ? 3 : 0
    if let bad = SourceFile.validate(bytes, from: start) { throw bad }
    self.path = path
    self.bytes = bytes
    self.textStart = start
    self.lineIndex = LineIndex(
      bytes: bytes, textStart: start, firstLine: firstLine, firstColumn: firstColumn)
    self.lineEnding = SourceFile.detectLineEnding(bytes, from: start)
  }

  public var hasByteOrderMark: Bool { textStart == 3 }

  /// The original text of `range`.
  public func text(_ range: TextRange) -> String {
    String(decoding: bytes[range.start..<range.end], as: UTF8.self)
  }

  /// Returns the first reason the bytes are not UTF-8 text, or nil when they are.
  static func validate(_ bytes: [UInt8], from start: Int) -> Rejection? {
    bytes.withUnsafeBufferPointer { buffer -> Rejection? in
      let count = buffer.count
      // A NUL in the first 8,000 bytes marks a binary file, as git decides; it is checked
      // first so that an image is called binary, not invalid UTF-8. A NUL later is binary
      // too: UTF-8 text never contains one by accident.
      if buffer[start..<min(count, start + 8000)].contains(0) { return .binary }
      var index = start
      let raw = UnsafeRawPointer(buffer.baseAddress)
      while index < count {
        // Eight ASCII bytes at a time; a NUL among them is found by the byte loop below.
        if let raw {
          while index + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let hasHighBit = word & 0x8080_8080_8080_8080 != 0
            let hasZero = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 != 0
            if hasHighBit || hasZero { break }
            index += 8
          }
          if index >= count { break }
        }
        let byte = buffer[index]
        if byte < 0x80 {
          if byte == 0 { return .binary }
          index += 1
          continue
        }
        let length: Int
        var scalar: UInt32
        switch byte {
        case 0xC2...0xDF:
          length = 2
          scalar = UInt32(byte & 0x1F)
        case 0xE0...0xEF:
          length = 3
          scalar = UInt32(byte & 0x0F)
        case 0xF0...0xF4:
          length = 4
          scalar = UInt32(byte & 0x07)
        default:
          return .invalidUTF8(offset: index)
        }
        if index + length > count { return .invalidUTF8(offset: index) }
        for k in 1..<length {
          let next = buffer[index + k]
          if next & 0xC0 != 0x80 { return .invalidUTF8(offset: index) }
          scalar = (scalar << 6) | UInt32(next & 0x3F)
        }
        // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
        let minimum: UInt32 = length == 2 ? 0x80 : (length == 3 ? 0x800 : 0x10000)
        if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) {
          return .invalidUTF8(offset: index)
        }
        index += length
      }
      return nil
    }
  }

  static func detectLineEnding(_ bytes: [UInt8], from start: Int) -> LineEnding {
    var lf = false
    var crlf = false
    var cr = false
    var index = start
    // Without a CR the answer is LF or none: no need to look at every byte.
    func has(_ byte: Int32) -> Bool {
      bytes[min(start, bytes.count)...].withUnsafeBytes { buffer in
        buffer.baseAddress.map { memchr($0, byte, buffer.count) != nil } ?? false
      }
    }
    if !has(0x0D) { return has(0x0A) ? .lf : .none }
    while index < bytes.count {
      let byte = bytes[index]
      if byte == 0x0D {
        if index + 1 < bytes.count && bytes[index + 1] == 0x0A {
          crlf = true
          index += 2
          continue
        }
        cr = true
      } else if byte == 0x0A {
        lf = true
      }
      index += 1
    }
    switch (lf, crlf, cr) {
    case (false, false, false): return .none
    case (true, false, false): return .lf
    case (false, true, false): return .crlf
    case (false, false, true): return .cr
    default: return .mixed
    }
  }
}
