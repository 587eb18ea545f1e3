// Input stage: what a format reader gives the pipeline.
//
// Takes: a checked `SourceFile` (original bytes). Gives: `ExtractedText`, the text to check
// (decoded: entities, escapes and markup resolved) with an `OffsetMap` from every extracted
// byte back to the original bytes, and the segments (prose blocks, or bilingual
// source/target pairs) that make it up. Plain text needs no reader: it is its own
// extraction.

/// How a fix's replacement must be written into the original file.
public enum TextEscaping: String, Sendable {
  /// Written as it is (plain text, subtitles).
  case none
  /// XML character data: `&`, `<` and `>` escaped (XLIFF, TMX).
  case xml
  /// HTML text: like XML.
  case html
  /// A gettext PO string: backslash, double quote and control characters escaped.
  case po
  /// Markdown inline text: characters that would start markup are backslash-escaped.
  case markdown

  /// `text` as it must be written in the original file.
  public func escape(_ text: String) -> String {
    switch self {
    case .none: return text
    case .xml, .html:
      var out = ""
      out.reserveCapacity(text.utf8.count)
      for scalar in text.unicodeScalars {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        default: out.unicodeScalars.append(scalar)
        }
      }
      return out
    case .po:
      var out = ""
      for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        default: out.unicodeScalars.append(scalar)
        }
      }
      return out
    case .markdown:
      var out = ""
      for scalar in text.unicodeScalars {
        if "\\`*_[]<>".unicodeScalars.contains(scalar) { out += "\\" }
        out.unicodeScalars.append(scalar)
      }
      return out
    }
  }
}

/// The source side of a bilingual segment: the text as decoded, where it stands in the
/// original file, and its language.
public struct SourceSegment: Sendable, Equatable {
  public var text: String
  /// The source element's content in the original bytes.
  public var range: TextRange
  public var language: String?

  public init(text: String, range: TextRange, language: String?) {
    self.text = text
    self.range = range
    self.language = language
  }
}

/// One stretch of extracted text that rules judge as a whole: a Markdown paragraph, an
/// HTML text block, a PO entry's translation, an XLIFF or TMX target, a subtitle cue.
public struct Segment: Sendable, Equatable {
  /// Where the segment's text lies in `ExtractedText.bytes`.
  public var range: Range<Int>
  /// Where its content lies in the original bytes (for a finding on the whole target).
  public var originalRange: TextRange
  /// The unit's id: XLIFF `trans-unit`/`unit` id, PO `msgctxt`+`msgid`, TMX `tuid`, cue
  /// number. Nil for prose.
  public var unit: String?
  /// The language of this text, when the file says (`xml:lang`, `target-language`, `lang`).
  public var language: String?
  /// For bilingual formats, the source this segment translates.
  public var source: SourceSegment?
  /// A PO entry marked `fuzzy`, an XLIFF target in a draft state.
  public var fuzzy: Bool

  public init(
    range: Range<Int>, originalRange: TextRange, unit: String? = nil, language: String? = nil,
    source: SourceSegment? = nil, fuzzy: Bool = false
  ) {
    self.range = range
    self.originalRange = originalRange
    self.unit = unit
    self.language = language
    self.source = source
    self.fuzzy = fuzzy
  }
}

/// The text of a file to check, as a reader took it out.
///
/// `bytes` is valid UTF-8. `map` maps every byte of `bytes` to the original bytes: text
/// copied as it stands maps one for one; a decoded entity or escape maps to the whole
/// escape; separators that the reader put between segments map to an empty range where the
/// segment ends. Bytes of markup, notes, source text and code are simply not in `bytes`.
public struct ExtractedText: Sendable {
  public var bytes: [UInt8]
  public var map: OffsetMap
  public var segments: [Segment]
  public var escaping: TextEscaping

  public init(bytes: [UInt8], map: OffsetMap, segments: [Segment], escaping: TextEscaping) {
    self.bytes = bytes
    self.map = map
    self.segments = segments
    self.escaping = escaping
  }

  /// The extracted text as a string.
  public var text: String { String(decoding: bytes, as: UTF8.self) }

  /// The original byte range of extracted bytes `range` (empty ranges map to a point).
  public func originalRange(of range: Range<Int>) -> TextRange {
    if range.isEmpty {
      if range.lowerBound < bytes.count {
        let at = map.originalRange(ofFoldedByte: range.lowerBound).start
        return TextRange(start: at, end: at)
      }
      let at = bytes.isEmpty ? 0 : map.originalRange(ofFoldedByte: bytes.count - 1).end
      return TextRange(start: at, end: at)
    }
    return map.originalRange(ofFolded: range)
  }
}

/// Builds an `ExtractedText`: readers copy text, add decoded pieces and close segments.
public struct ExtractionBuilder {
  public private(set) var bytes: [UInt8] = []
  private var map = OffsetMap()
  public private(set) var segments: [Segment] = []
  private var segmentStart = 0
  private var segmentOriginalStart: Int?
  private var lastOriginalEnd = 0

  public init(capacity: Int = 0) {
    bytes.reserveCapacity(capacity)
  }

  /// Whether text was added since the last segment closed.
  public var segmentIsEmpty: Bool { bytes.count == segmentStart }

  /// Copies original bytes `range` as they stand (text with nothing to decode).
  public mutating func copy(_ original: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
    guard !range.isEmpty else { return }
    noteOriginal(range)
    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: original[range]))
    map.appendIdentity(original: range.lowerBound, count: range.count)
  }

  /// Copies original bytes `range` of `original` as they stand.
  public mutating func copy(_ original: [UInt8], _ range: Range<Int>) {
    original.withUnsafeBufferPointer { copy($0, range) }
  }

  /// Adds `text`, decoded from the original bytes `range` (an entity, an escape, a piece
  /// of text that libxml2 decoded): every byte of it maps to the whole range.
  public mutating func decoded(_ text: some Collection<UInt8>, from range: Range<Int>) {
    guard !text.isEmpty else { return }
    noteOriginal(range)
    bytes.append(contentsOf: text)
    map.appendChunk(
      original: range.lowerBound, originalLength: range.count, foldedLength: text.count)
  }

  /// Adds `text` decoded from `range`, copying it one for one when it is the same bytes.
  public mutating func text(
    _ text: some Collection<UInt8>, from range: Range<Int>, in original: UnsafeBufferPointer<UInt8>
  ) {
    if text.count == range.count && text.elementsEqual(original[range]) {
      copy(original, range)
    } else {
      decoded(text, from: range)
    }
  }

  /// Adds bytes that stand for no original text (a space between two table cells, a line
  /// break between subtitle lines), mapped to an empty range at `original`.
  public mutating func synthetic(_ text: String, at original: Int) {
    let utf8 = Array(text.utf8)
    guard !utf8.isEmpty else { return }
    bytes.append(contentsOf: utf8)
    map.appendChunk(original: original, originalLength: 0, foldedLength: utf8.count)
  }

  /// Ends the current segment (if it has text) with these properties; the next one is
  /// separated from it by a blank line that maps to no original text.
  public mutating func closeSegment(
    unit: String? = nil, language: String? = nil, source: SourceSegment? = nil,
    fuzzy: Bool = false, originalRange: TextRange? = nil
  ) {
    defer { segmentOriginalStart = nil }
    guard !segmentIsEmpty else { return }
    let start = segmentOriginalStart ?? lastOriginalEnd
    let whole = originalRange ?? TextRange(start: start, end: max(start, lastOriginalEnd))
    segments.append(
      Segment(
        range: segmentStart..<bytes.count, originalRange: whole, unit: unit, language: language,
        source: source, fuzzy: fuzzy))
    synthetic("\n\n", at: whole.end)
    segmentStart = bytes.count
  }

  /// Adds a segment with no text (an empty target): it has no extracted bytes, only its
  /// place in the original, so that rules about empty targets can point at it.
  public mutating func emptySegment(
    at originalRange: TextRange, unit: String? = nil, language: String? = nil,
    source: SourceSegment? = nil, fuzzy: Bool = false
  ) {
    segments.append(
      Segment(
        range: bytes.count..<bytes.count, originalRange: originalRange, unit: unit,
        language: language, source: source, fuzzy: fuzzy))
  }

  public func finish(escaping: TextEscaping) -> ExtractedText {
    ExtractedText(bytes: bytes, map: map, segments: segments, escaping: escaping)
  }

  private mutating func noteOriginal(_ range: Range<Int>) {
    if segmentOriginalStart == nil { segmentOriginalStart = range.lowerBound }
    lastOriginalEnd = range.upperBound
  }
}

/// Why a reader could not take text out of a file: the file is skipped and reported with
/// `file:line:column`.
public struct FormatError: Error, Sendable, Equatable {
  /// What is wrong, in a sentence without a trailing period.
  public var message: String
  /// The original byte offset where the problem is.
  public var offset: Int

  public init(_ message: String, offset: Int) {
    self.message = message
    self.offset = offset
  }
}

/// A file format termlint reads.
public enum FileFormat: String, Sendable, CaseIterable {
  case text, markdown, html, xliff, po, tmx, srt, vtt

  /// The format of a path by its extension; unknown extensions are plain text.
  public static func detect(path: String) -> FileFormat {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return .text }
    let ext = name[name.index(after: dot)...].lowercased()
    for format in allCases where format.extensions.contains(ext) { return format }
    return .text
  }

  /// The extensions that select the format.
  public var extensions: [String] {
    switch self {
    case .text: return ["txt"]
    case .markdown: return ["md", "markdown", "mdown", "mkd"]
    case .html: return ["html", "htm", "xhtml"]
    case .xliff: return ["xlf", "xliff", "sdlxliff", "mxliff"]
    case .po: return ["po", "pot"]
    case .tmx: return ["tmx"]
    case .srt: return ["srt"]
    case .vtt: return ["vtt"]
    }
  }
}

/// What `.lint.yml` says about reading formats.
public struct ReaderOptions: Sendable, Equatable {
  /// Markdown: check front matter as prose (default: skip it).
  public var checkFrontMatter: Bool

  public init(checkFrontMatter: Bool = false) {
    self.checkFrontMatter = checkFrontMatter
  }
}

/// A reader of one file format: takes the text to check out of a file.
public protocol FormatReader {
  static var format: FileFormat { get }
  /// The text to check. Throws for a file the format cannot read (malformed markup, an
  /// unterminated string, a refused DTD), with the original byte offset of the problem.
  static func extract(_ file: SourceFile) throws(FormatError) -> ExtractedText
  /// The same, with the configuration's reading options.
  static func extract(_ file: SourceFile, options: ReaderOptions) throws(FormatError)
    -> ExtractedText
}

extension FormatReader {
  public static func extract(_ file: SourceFile, options: ReaderOptions) throws(FormatError)
    -> ExtractedText
  {
    try extract(file)
  }
}
