/// How the `character` of an LSP position counts: UTF-16 code units (the protocol's
/// default, which every client supports), UTF-8 bytes or Unicode scalars.
public enum PositionEncoding: String, Sendable, CaseIterable {
  case utf8 = "utf-8"
  case utf16 = "utf-16"
  case utf32 = "utf-32"

  /// The encoding to use with a client offering `offered` (`general.positionEncodings`):
  /// UTF-8 when offered (termlint's own offsets, no conversion), else UTF-16, which the
  /// protocol makes mandatory.
  public static func negotiate(_ offered: [String]?) -> PositionEncoding {
    offered?.contains(PositionEncoding.utf8.rawValue) == true ? .utf8 : .utf16
  }

  /// Code units of a scalar whose UTF-8 form is `length` bytes.
  func units(utf8Length length: Int) -> Int {
    switch self {
    case .utf8: length
    case .utf16: length == 4 ? 2 : 1
    case .utf32: 1
    }
  }
}

/// A position in LSP terms: 0-based line, 0-based character in the negotiated encoding.
public struct LSPPosition: Hashable, Sendable, Comparable {
  public var line: Int
  public var character: Int

  public init(line: Int, character: Int) {
    self.line = line
    self.character = character
  }

  public static func < (a: LSPPosition, b: LSPPosition) -> Bool {
    a.line != b.line ? a.line < b.line : a.character < b.character
  }

  var json: JSONValue { ["line": .int(line), "character": .int(character)] }

  init?(json: JSONValue?) {
    guard let line = json?["line"]?.intValue, let character = json?["character"]?.intValue,
      line >= 0, character >= 0
    else { return nil }
    self.init(line: line, character: character)
  }
}

public struct LSPRange: Hashable, Sendable {
  public var start: LSPPosition
  public var end: LSPPosition

  public init(start: LSPPosition, end: LSPPosition) {
    self.start = start
    self.end = end
  }

  var json: JSONValue { ["start": start.json, "end": end.json] }

  init?(json: JSONValue?) {
    guard let start = LSPPosition(json: json?["start"]), let end = LSPPosition(json: json?["end"])
    else { return nil }
    self.init(start: start, end: end)
  }
}

/// The lines of a UTF-8 text as LSP counts them (a line ends at LF, CRLF or CR) and the
/// exact conversion between byte offsets and positions.
///
/// A byte-order mark in the text is the character U+FEFF (one unit in every encoding) on
/// line 0: the client counts it too when it sent it. A position that falls inside a
/// character (the second half of a UTF-16 surrogate pair, or inside a UTF-8 sequence) is
/// clamped to a character boundary: `rounding` says which way, and `clamped` is set so
/// the caller can say so. A character past the end of its line means the line's end (the
/// protocol's rule); a line past the last line means the end of the text.
public struct LineTable: Sendable {
  /// The byte offset where each line starts.
  public let lineStarts: [Int]
  public let byteCount: Int

  public init(_ bytes: [UInt8]) {
    var starts = [0]
    var index = 0
    let count = bytes.count
    while index < count {
      let byte = bytes[index]
      if byte == 0x0A {
        starts.append(index + 1)
      } else if byte == 0x0D {
        if index + 1 < count && bytes[index + 1] == 0x0A { index += 1 }
        starts.append(index + 1)
      }
      index += 1
    }
    lineStarts = starts
    byteCount = count
  }

  public var lineCount: Int { lineStarts.count }

  /// The 0-based line holding byte `offset`.
  public func line(containing offset: Int) -> Int {
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
    }
    return low
  }

  /// The end of line `line`'s content, before its line break.
  public func contentEnd(ofLine line: Int, in bytes: [UInt8]) -> Int {
    var end = line + 1 < lineStarts.count ? lineStarts[line + 1] : byteCount
    let start = lineStarts[line]
    if end > start && bytes[end - 1] == 0x0A { end -= 1 }
    if end > start && bytes[end - 1] == 0x0D { end -= 1 }
    return end
  }

  /// The position of byte `offset` (clamped to the text; an offset inside a character
  /// counts from that character's start).
  public func position(of offset: Int, in bytes: [UInt8], encoding: PositionEncoding)
    -> LSPPosition
  {
    let offset = max(0, min(offset, byteCount))
    let line = line(containing: offset)
    var index = lineStarts[line]
    var character = 0
    while index < offset {
      let length = Self.sequenceLength(bytes[index])
      if index + length > offset { break }
      character += encoding.units(utf8Length: length)
      index += length
    }
    return LSPPosition(line: line, character: character)
  }

  public enum Rounding: Sendable {
    /// To the start of the character the position is inside.
    case down
    /// To the end of the character the position is inside.
    case up
  }

  /// Where a position lands in the text.
  public struct Resolved: Equatable, Sendable {
    public var offset: Int
    /// The position was inside a character (half of a surrogate pair, or inside a UTF-8
    /// sequence) and was moved to a boundary.
    public var splitCharacter: Bool
    /// The position was past the end of its line or past the last line.
    public var pastEnd: Bool
  }

  /// The byte offset of `position`.
  public func resolve(
    _ position: LSPPosition, in bytes: [UInt8], encoding: PositionEncoding,
    rounding: Rounding = .down
  ) -> Resolved {
    guard position.line < lineStarts.count else {
      return Resolved(offset: byteCount, splitCharacter: false, pastEnd: true)
    }
    var index = lineStarts[position.line]
    let end = contentEnd(ofLine: position.line, in: bytes)
    var character = 0
    while index < end && character < position.character {
      let length = Self.sequenceLength(bytes[index])
      let units = encoding.units(utf8Length: length)
      if character + units > position.character {
        // Inside this character (the low half of a surrogate pair, say).
        return Resolved(
          offset: rounding == .down ? index : min(index + length, end), splitCharacter: true,
          pastEnd: false)
      }
      character += units
      index += length
    }
    return Resolved(offset: index, splitCharacter: false, pastEnd: character < position.character)
  }

  /// The length of a UTF-8 sequence from its first byte (1 for a stray continuation byte,
  /// which valid text never has at a boundary).
  static func sequenceLength(_ byte: UInt8) -> Int {
    switch byte {
    case 0..<0xC0: 1
    case 0xC0..<0xE0: 2
    case 0xE0..<0xF0: 3
    default: 4
    }
  }
}
