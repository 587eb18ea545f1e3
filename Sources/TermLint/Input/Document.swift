// Input stage: a file as the pipeline sees it.
//
// Takes: a checked `SourceFile` and its format's `ExtractedText` (none for plain text).
// Gives: `Document`: the view the later stages fold and match (the extracted text, as a
// `SourceFile` of its own), the original file that positions, suppressions and excerpts
// refer to, and the way back from one to the other.

/// A file to lint: the text to check (`view`) and the file it came from (`original`).
///
/// For plain text both are the same file. For a format with a reader, `view` holds the
/// extracted text (segments separated by blank lines) and every range found in it is mapped
/// back to `original` through the extraction's `OffsetMap` before anything is reported.
public struct Document: Sendable {
  public let original: SourceFile
  public let view: SourceFile
  public let format: FileFormat
  /// The reader's output; nil for plain text.
  public let extraction: ExtractedText?

  /// A plain text file: its own view.
  public init(plain file: SourceFile) {
    original = file
    view = file
    format = .text
    extraction = nil
  }

  /// A file read by its format's reader. Segments in another language than
  /// `targetLanguage` are blanked in the view (kept as spaces, so offsets stay).
  public init(
    _ file: SourceFile, format: FileFormat, extraction: ExtractedText,
    targetLanguage: String = "en"
  ) throws(FormatError) {
    var bytes = extraction.bytes
    for segment in extraction.segments
    where !Self.isLanguage(segment.language, targetLanguage) {
      for index in segment.range where bytes[index] != 0x0A { bytes[index] = 0x20 }
    }
    do {
      view = try SourceFile(path: file.path, bytes: bytes)
    } catch {
      // A reader decoded a NUL character (`&#0;`, `\0`): nothing to check there is worth
      // reading past it.
      let at: Int
      switch error {
      case .binary: at = extraction.originalRange(of: (bytes.firstIndex(of: 0) ?? 0)..<0).start
      case .invalidUTF8(let offset): at = extraction.originalRange(of: offset..<offset).start
      }
      throw FormatError("the decoded text contains a NUL character or invalid UTF-8", offset: at)
    }
    original = file
    self.format = format
    self.extraction = extraction
  }

  /// Whether text in `language` (nil: unknown, taken as the target) is checked.
  static func isLanguage(_ language: String?, _ target: String) -> Bool {
    guard let language, !language.isEmpty else { return true }
    let primary = language.split(whereSeparator: { $0 == "-" || $0 == "_" }).first ?? ""
    return primary.lowercased() == target.lowercased()
  }

  public var isPlain: Bool { extraction == nil }

  /// The original range of a range of the view.
  public func originalRange(_ range: TextRange) -> TextRange {
    guard let extraction else { return range }
    return extraction.originalRange(of: range.start..<range.end)
  }

  /// A rule's finding with its range and fix moved from the view to the original file.
  ///
  /// A fix is kept only where the original bytes of each edit are text with nothing
  /// between its pieces (no markup, no string continuation): entities and escapes inside it
  /// are rewritten, and the replacement is escaped for the format. Otherwise the finding
  /// stays, without a fix, and says why.
  public func mapped(_ finding: Finding) -> Finding {
    guard let extraction else { return finding }
    var result = finding
    result.range = originalRange(finding.range)
    if result.unit == nil, let segment = segment(containing: finding.range.start) {
      result.unit = segment.unit
    }
    if let fix = finding.fix {
      var edits: [Edit] = []
      for edit in fix.edits {
        let range = edit.range.start..<edit.range.end
        guard range.isEmpty || extraction.map.isContiguous(range) else {
          edits = []
          break
        }
        edits.append(
          Edit(
            range: originalRange(edit.range),
            replacement: extraction.escaping.escape(edit.replacement)))
      }
      if edits.isEmpty {
        result.fix = nil
        result.notes.append(
          Note(message: "no fix offered: the text here is split by markup or escapes"))
      } else {
        result.fix = Fix(edits: edits, applicability: fix.applicability)
      }
    }
    return result
  }

  /// Whether a range of the view crosses from one segment into the next (a match can
  /// only do so across the blank line that separates them; it is dropped).
  public func crossesSegments(_ range: TextRange) -> Bool {
    guard let extraction, !extraction.segments.isEmpty else { return false }
    guard let segment = segment(containing: range.start)?.range else { return true }
    return range.end > segment.upperBound
  }

  /// The segment whose text holds view offset `offset`, by binary search.
  public func segment(containing offset: Int) -> Segment? {
    guard let segments = extraction?.segments, !segments.isEmpty else { return nil }
    var low = 0
    var high = segments.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if segments[mid].range.lowerBound <= offset { low = mid } else { high = mid - 1 }
    }
    let segment = segments[low]
    return segment.range.contains(offset) || segment.range.upperBound == offset ? segment : nil
  }
}

extension FormatError {
  /// The problem to report for `file`: its path, line and column.
  public func problem(in file: SourceFile) -> TermLintError {
    let offset = min(max(0, self.offset), file.bytes.count)
    let position = file.lineIndex.position(of: offset, in: file.bytes)
    return TermLintError(
      .format, message,
      at: SourceLocation(path: file.path, line: position.line, column: position.column))
  }
}
