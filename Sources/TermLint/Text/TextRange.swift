/// A half-open range of UTF-8 byte offsets into a file's original bytes.
///
/// Every position termlint reports is one of these: folding, matching and fixing all map
/// back to original bytes through one `OffsetMap`, never by searching the text again.
public struct TextRange: Hashable, Sendable, Comparable {
  public var start: Int
  public var end: Int

  public init(start: Int, end: Int) {
    precondition(start <= end, "TextRange start after end")
    self.start = start
    self.end = end
  }

  public var length: Int { end - start }

  public var isEmpty: Bool { start == end }

  public static func < (lhs: TextRange, rhs: TextRange) -> Bool {
    lhs.start != rhs.start ? lhs.start < rhs.start : lhs.end < rhs.end
  }

  public func overlaps(_ other: TextRange) -> Bool {
    start < other.end && other.start < end
  }
}

/// A 1-based line and column; columns count Unicode scalars.
public struct SourcePosition: Hashable, Sendable {
  public var line: Int
  public var column: Int

  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }
}
