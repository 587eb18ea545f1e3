/// The part of a finding's first line that a report shows: the whole line when it is short,
/// else a window of it around the span. Reports keep these instead of whole files, so a run
/// over a large corpus holds only a few hundred bytes per finding.
public struct SourceExcerpt: Hashable, Sendable {
  /// The text of the window, on one line.
  public var text: String
  /// The byte offset in the file where `text` starts.
  public var start: Int
  /// Whether the line goes on before and after the window.
  public var clippedBefore: Bool
  public var clippedAfter: Bool

  /// Bytes kept on each side of the span: more than any report shows.
  static let margin = 512

  public init(text: String, start: Int, clippedBefore: Bool = false, clippedAfter: Bool = false) {
    self.text = text
    self.start = start
    self.clippedBefore = clippedBefore
    self.clippedAfter = clippedAfter
  }

  /// The excerpt for a span starting at byte `range.start` on 1-based line `line`.
  public init(file: SourceFile, range: TextRange, line: Int) {
    // `line` is the file's; a section of a larger file starts at `firstLine`.
    let lineRange = file.lineIndex.contentRange(
      ofLine: line - file.lineIndex.firstLine, in: file.bytes)
    var low = max(lineRange.start, range.start - Self.margin)
    var high = min(lineRange.end, max(range.end, range.start) + Self.margin)
    high = max(high, low)
    // Keep whole characters.
    while low > lineRange.start && file.bytes[low] & 0xC0 == 0x80 { low -= 1 }
    while high < lineRange.end && file.bytes[high] & 0xC0 == 0x80 { high += 1 }
    self.init(
      text: file.text(TextRange(start: low, end: high)), start: low,
      clippedBefore: low > lineRange.start, clippedAfter: high < lineRange.end)
  }
}
