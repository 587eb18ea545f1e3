#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Maps UTF-8 byte offsets to 1-based lines and Unicode-scalar columns.
///
/// Lines end at LF, CRLF or a lone CR. A byte-order mark is not part of line 1's columns.
public struct LineIndex: Sendable {
  /// The byte offset where each line starts; `lineStarts[0]` is the text start.
  public let lineStarts: [Int]
  private let byteCount: Int
  /// The line number of the first line, and the column of its first byte: 1 and 1, but
  /// more for a section of a larger file (see `SectionReader`).
  public let firstLine: Int
  public let firstColumn: Int

  public init(bytes: [UInt8], textStart: Int = 0, firstLine: Int = 1, firstColumn: Int = 1) {
    self.firstLine = firstLine
    self.firstColumn = firstColumn
    var starts = [textStart]
    bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress, textStart < buffer.count else { return }
      let count = buffer.count
      if memchr(base + textStart, 0x0D, count - textStart) == nil {
        // No CR at all (the usual case): find the LFs with memchr.
        var index = textStart
        while index < count,
          let found = memchr(base + index, 0x0A, count - index)
        {
          let offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
          starts.append(offset + 1)
          index = offset + 1
        }
        return
      }
      var index = textStart
      while index < count {
        let byte = buffer[index]
        if byte == 0x0A {
          starts.append(index + 1)
        } else if byte == 0x0D {
          if index + 1 < count && buffer[index + 1] == 0x0A {
            index += 1
          }
          starts.append(index + 1)
        }
        index += 1
      }
    }
    lineStarts = starts
    byteCount = bytes.count
  }

  /// The 0-based line that contains byte `offset`.
  public func lineNumber(containing offset: Int) -> Int {
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
    }
    return low
  }

  /// The 1-based line and column of byte `offset`; the column counts Unicode scalars.
  public func position(of offset: Int, in bytes: [UInt8]) -> SourcePosition {
    let line = lineNumber(containing: offset)
    var column = line == 0 ? firstColumn : 1
    var index = lineStarts[line]
    while index < offset && index < bytes.count {
      // Count only the bytes that start a scalar.
      if bytes[index] & 0xC0 != 0x80 { column += 1 }
      index += 1
    }
    return SourcePosition(line: line + firstLine, column: column)
  }

  /// Positions of many offsets in one forward pass: the cost is the bytes between
  /// them, not a rescan from each line start (a 50 MB one-line file has many findings on
  /// one line).
  public func positions(of offsets: [Int], in bytes: [UInt8]) -> [Int: SourcePosition] {
    var result: [Int: SourcePosition] = [:]
    var line = -1
    var column = 1
    var index = 0
    for offset in Set(offsets).sorted() {
      let target = lineNumber(containing: offset)
      if target != line {
        line = target
        column = line == 0 ? firstColumn : 1
        index = lineStarts[line]
      }
      while index < offset && index < bytes.count {
        if bytes[index] & 0xC0 != 0x80 { column += 1 }
        index += 1
      }
      result[offset] = SourcePosition(line: line + firstLine, column: column)
    }
    return result
  }

  /// Positions of sorted offsets (ascending), in one forward pass: `result[i]` is the
  /// position of `offsets[i]`.
  public func positions(ofSorted offsets: [Int], in bytes: [UInt8]) -> [SourcePosition] {
    var result: [SourcePosition] = []
    result.reserveCapacity(offsets.count)
    var line = -1
    var column = 1
    var index = 0
    var nextLineStart = 0
    bytes.withUnsafeBufferPointer { buffer in
      for offset in offsets {
        if line < 0 || offset >= nextLineStart {
          let target = lineNumber(containing: offset)
          if target != line {
            line = target
            column = line == 0 ? firstColumn : 1
            index = lineStarts[line]
            nextLineStart = line + 1 < lineStarts.count ? lineStarts[line + 1] : Int.max
          }
        }
        let end = min(offset, buffer.count)
        while index < end {
          if buffer[index] & 0xC0 != 0x80 { column += 1 }
          index += 1
        }
        result.append(SourcePosition(line: line + firstLine, column: column))
      }
    }
    return result
  }

  /// The byte range of 0-based line `line`, without its line break.
  public func contentRange(ofLine line: Int, in bytes: [UInt8]) -> TextRange {
    let start = lineStarts[line]
    var end = line + 1 < lineStarts.count ? lineStarts[line + 1] : byteCount
    while end > start && (bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D) { end -= 1 }
    return TextRange(start: start, end: end)
  }

  public var lineCount: Int { lineStarts.count }
}
