/// One change of `textDocument/didChange`: a range and its new text, or (no range) the
/// whole new text.
public struct ContentChange: Equatable, Sendable {
  public var range: LSPRange?
  public var text: String

  public init(range: LSPRange?, text: String) {
    self.range = range
    self.text = text
  }
}

/// An open document: the editor's buffer as UTF-8 bytes, which is what gets linted (not
/// the file on disk).
public struct TextDocument: Sendable {
  public let uri: String
  public var languageID: String
  public var version: Int
  public private(set) var bytes: [UInt8]
  public private(set) var lines: LineTable

  public init(uri: String, languageID: String, version: Int, text: String) {
    self.uri = uri
    self.languageID = languageID
    self.version = version
    bytes = Array(text.utf8)
    lines = LineTable(bytes)
  }

  public var text: String { String(decoding: bytes, as: UTF8.self) }

  public func position(of offset: Int, encoding: PositionEncoding) -> LSPPosition {
    lines.position(of: offset, in: bytes, encoding: encoding)
  }

  public func range(of start: Int, _ end: Int, encoding: PositionEncoding) -> LSPRange {
    LSPRange(
      start: position(of: start, encoding: encoding), end: position(of: end, encoding: encoding))
  }

  public func offset(of position: LSPPosition, encoding: PositionEncoding) -> Int {
    lines.resolve(position, in: bytes, encoding: encoding).offset
  }

  /// Applies one change. A range end inside a character (half of a surrogate pair) is
  /// moved outward to whole characters, so the text stays valid UTF-8: the start back to
  /// its character's start, the end forward to its character's end; an insertion (an
  /// empty range) inside a character goes before it. Ends past a line or
  /// the text are clamped there (the protocol's rule), and a range given end first is read
  /// start first. Returns whether a character was split (the caller logs it: the client's
  /// idea of the text and ours now differ by that character).
  @discardableResult
  public mutating func apply(_ change: ContentChange, encoding: PositionEncoding) -> Bool {
    guard let range = change.range else {
      bytes = Array(change.text.utf8)
      lines = LineTable(bytes)
      return false
    }
    let (first, last) =
      range.start <= range.end ? (range.start, range.end) : (range.end, range.start)
    let start = lines.resolve(first, in: bytes, encoding: encoding, rounding: .down)
    let end =
      first == last ? start : lines.resolve(last, in: bytes, encoding: encoding, rounding: .up)
    let upper = max(start.offset, end.offset)
    bytes.replaceSubrange(start.offset..<upper, with: Array(change.text.utf8))
    lines = LineTable(bytes)
    return start.splitCharacter || end.splitCharacter
  }
}
