// gettext PO and POT files: each translation (msgstr, msgstr[n]) is a segment whose source is
// the msgid (msgid_plural for n >= 1).
//
// Comments (#, #., #:, #,, #|), the header entry (empty msgid) and obsolete #~ entries are
// not text; `#, fuzzy` entries are checked and marked fuzzy. Strings continued on following
// lines join with nothing between; C escapes decode to pieces that map to the whole escape.

/// Reads gettext PO files.
public enum POReader: FormatReader {
  public static var format: FileFormat { .po }

  /// A decoded PO string: its pieces (copied or decoded) and where it lies.
  struct POString {
    enum Piece {
      case copy(Range<Int>)
      case decoded([UInt8], Range<Int>)
    }
    var pieces: [Piece] = []
    var bytes: [UInt8] = []
    /// From the first string's content start to the last one's content end.
    var range: Range<Int>

    var text: String { String(decoding: bytes, as: UTF8.self) }
  }

  struct Entry {
    var context: POString?
    var id: POString?
    var plural: POString?
    /// msgstr (index 0) or msgstr[n], in file order.
    var translations: [(index: Int, string: POString)] = []
    var fuzzy = false
    var keywordOffset = 0

    var isEmpty: Bool { context == nil && id == nil && translations.isEmpty }
  }

  public static func extract(_ file: SourceFile) throws(FormatError) -> ExtractedText {
    let entries = try file.bytes.withUnsafeBufferPointer { bytes throws(FormatError) in
      try parse(bytes, from: file.textStart)
    }
    var language: String?
    for entry in entries where entry.context == nil && entry.id?.bytes.isEmpty == true {
      language = headerLanguage(entry.translations.first?.string.text ?? "")
    }
    var builder = ExtractionBuilder(capacity: file.bytes.count / 2)
    for entry in entries {
      guard let id = entry.id, !(entry.context == nil && id.bytes.isEmpty) else { continue }
      let unit = entry.context.map { $0.text + "\u{4}" + id.text } ?? id.text
      for (index, translation) in entry.translations {
        let sourceString = index >= 1 ? (entry.plural ?? id) : id
        let source = SourceSegment(
          text: sourceString.text,
          range: TextRange(
            start: sourceString.range.lowerBound, end: sourceString.range.upperBound),
          language: nil)
        let whole = TextRange(
          start: translation.range.lowerBound, end: translation.range.upperBound)
        if translation.bytes.isEmpty {
          builder.emptySegment(
            at: whole, unit: unit, language: language, source: source, fuzzy: entry.fuzzy)
          continue
        }
        for piece in translation.pieces {
          switch piece {
          case .copy(let range): builder.copy(file.bytes, range)
          case .decoded(let text, let range): builder.decoded(text, from: range)
          }
        }
        builder.closeSegment(
          unit: unit, language: language, source: source, fuzzy: entry.fuzzy,
          originalRange: whole)
      }
    }
    return builder.finish(escaping: .po)
  }

  /// The `Language:` field of a header.
  static func headerLanguage(_ header: String) -> String? {
    for line in header.split(separator: "\n") where line.hasPrefix("Language:") {
      let value = line.dropFirst("Language:".count).drop { $0 == " " || $0 == "\t" }
      let trimmed = String(value.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
      return trimmed.isEmpty ? nil : trimmed
    }
    return nil
  }

  enum Target { case context, id, plural, translation }

  static func parse(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) throws(FormatError)
    -> [Entry]
  {
    var entries: [Entry] = []
    var entry = Entry()
    var target: Target?
    var pendingFuzzy = false

    func finish() throws(FormatError) {
      defer {
        entry = Entry()
        target = nil
      }
      guard !entry.isEmpty else { return }
      if entry.translations.isEmpty {
        throw FormatError("msgid without msgstr", offset: entry.keywordOffset)
      }
      entries.append(entry)
    }

    var lineStart = start
    while lineStart < bytes.count {
      var lineEnd = lineStart
      while lineEnd < bytes.count && bytes[lineEnd] != 0x0A && bytes[lineEnd] != 0x0D {
        lineEnd += 1
      }
      var next = lineEnd
      if next < bytes.count {
        next += bytes[next] == 0x0D && next + 1 < bytes.count && bytes[next + 1] == 0x0A ? 2 : 1
      }
      defer { lineStart = next }
      var index = lineStart
      while index < lineEnd && (bytes[index] == 0x20 || bytes[index] == 0x09) { index += 1 }
      if index == lineEnd {
        // A blank line ends an entry.
        if !entry.isEmpty { try finish() }
        pendingFuzzy = false
        continue
      }
      let first = bytes[index]
      if first == UInt8(ascii: "#") {
        // A comment after a translation starts the next entry.
        if !entry.translations.isEmpty { try finish() }
        if index + 1 < lineEnd && bytes[index + 1] == UInt8(ascii: ",") {
          let flags = String(
            decoding: UnsafeBufferPointer(rebasing: bytes[index + 2..<lineEnd]), as: UTF8.self)
          if flags.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }).contains("fuzzy")
          {
            pendingFuzzy = true
          }
        }
        continue
      }
      if first == UInt8(ascii: "\"") {
        guard let current = target else {
          throw FormatError("string outside an entry", offset: index)
        }
        var string = entry.string(current)
        try readString(bytes, at: index, lineEnd: lineEnd, into: &string)
        entry.setString(current, string)
        continue
      }
      // A keyword.
      var keywordEnd = index
      while keywordEnd < lineEnd,
        bytes[keywordEnd] != 0x20 && bytes[keywordEnd] != 0x09
          && bytes[keywordEnd] != UInt8(ascii: "\"")
      {
        keywordEnd += 1
      }
      let keyword = String(
        decoding: UnsafeBufferPointer(rebasing: bytes[index..<keywordEnd]), as: UTF8.self)
      var quote = keywordEnd
      while quote < lineEnd && (bytes[quote] == 0x20 || bytes[quote] == 0x09) { quote += 1 }
      let newTarget: Target
      var translationIndex = 0
      switch keyword {
      case "msgctxt":
        if !entry.translations.isEmpty { try finish() }
        if entry.context != nil || entry.id != nil {
          throw FormatError("msgctxt after msgid", offset: index)
        }
        newTarget = .context
      case "msgid":
        if !entry.translations.isEmpty { try finish() }
        if entry.id != nil {
          throw FormatError("msgid without msgstr", offset: entry.keywordOffset)
        }
        newTarget = .id
      case "msgid_plural":
        guard entry.id != nil, entry.translations.isEmpty, entry.plural == nil else {
          throw FormatError("msgid_plural without msgid", offset: index)
        }
        newTarget = .plural
      default:
        if keyword == "msgstr" {
          newTarget = .translation
        } else if keyword.hasPrefix("msgstr["), keyword.hasSuffix("]"),
          let number = Int(keyword.dropFirst(7).dropLast()), number >= 0, number < 1000
        {
          translationIndex = number
          newTarget = .translation
        } else {
          throw FormatError("unknown keyword '\(keyword)'", offset: index)
        }
        guard entry.id != nil else { throw FormatError("msgstr without msgid", offset: index) }
      }
      guard quote < lineEnd, bytes[quote] == UInt8(ascii: "\"") else {
        throw FormatError("expected a string after \(keyword)", offset: quote)
      }
      if newTarget == .context || newTarget == .id {
        if entry.isEmpty {
          entry.fuzzy = pendingFuzzy
          pendingFuzzy = false
        }
        if newTarget == .id { entry.keywordOffset = index }
      }
      var string = POString(range: quote + 1..<quote + 1)
      try readString(bytes, at: quote, lineEnd: lineEnd, into: &string, first: true)
      switch newTarget {
      case .context: entry.context = string
      case .id: entry.id = string
      case .plural: entry.plural = string
      case .translation: entry.translations.append((translationIndex, string))
      }
      target = newTarget
    }
    try finish()
    return entries
  }

  /// Reads the string at `quote` (to its closing quote; only blanks may follow) into `string`.
  private static func readString(
    _ bytes: UnsafeBufferPointer<UInt8>, at quote: Int, lineEnd: Int, into string: inout POString,
    first: Bool = false
  ) throws(FormatError) {
    var index = quote + 1
    var runStart = index
    func flushRun(_ end: Int) {
      if end > runStart {
        string.pieces.append(.copy(runStart..<end))
        string.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<end]))
      }
    }
    while true {
      guard index < lineEnd else { throw FormatError("unterminated string", offset: quote) }
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") { break }
      guard byte == UInt8(ascii: "\\") else {
        index += 1
        continue
      }
      flushRun(index)
      guard index + 1 < lineEnd else { throw FormatError("unterminated string", offset: quote) }
      let escape = bytes[index + 1]
      var end = index + 2
      var decoded: [UInt8]
      switch escape {
      case UInt8(ascii: "n"): decoded = [0x0A]
      case UInt8(ascii: "t"): decoded = [0x09]
      case UInt8(ascii: "r"): decoded = [0x0D]
      case UInt8(ascii: "a"): decoded = [0x07]
      case UInt8(ascii: "b"): decoded = [0x08]
      case UInt8(ascii: "f"): decoded = [0x0C]
      case UInt8(ascii: "v"): decoded = [0x0B]
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "?"):
        decoded = [escape]
      case UInt8(ascii: "0")...UInt8(ascii: "7"):
        var value = 0
        end = index + 1
        while end < lineEnd && end < index + 4 && bytes[end] >= 0x30 && bytes[end] <= 0x37 {
          value = value * 8 + Int(bytes[end] - 0x30)
          end += 1
        }
        guard value > 0 && value < 0x100 else {
          throw FormatError("bad escape: octal value out of range", offset: index)
        }
        decoded = [UInt8(value)]
      case UInt8(ascii: "x"):
        var value = 0
        while end < lineEnd, end < index + 4, let digit = hexValue(bytes[end]) {
          value = value * 16 + digit
          end += 1
        }
        guard end > index + 2, value > 0 else {
          throw FormatError("bad escape: \\x without hex digits", offset: index)
        }
        decoded = [UInt8(value)]
      default:
        let shown =
          escape < 0x80 ? String(UnicodeScalar(escape)) : "\\u{\(String(escape, radix: 16))}"
        throw FormatError("bad escape '\\\(shown)'", offset: index)
      }
      // Octal and \x escape bytes: a byte past ASCII is Latin-1 text in practice, kept UTF-8.
      if decoded.count == 1 && decoded[0] >= 0x80 {
        decoded = Array(String(UnicodeScalar(decoded[0])).utf8)
      }
      string.pieces.append(.decoded(decoded, index..<end))
      string.bytes.append(contentsOf: decoded)
      index = end
      runStart = index
    }
    flushRun(index)
    var after = index + 1
    while after < lineEnd && (bytes[after] == 0x20 || bytes[after] == 0x09) { after += 1 }
    guard after == lineEnd else {
      throw FormatError("unexpected text after a string", offset: after)
    }
    if first {
      string.range = quote + 1..<index
    } else {
      string.range = string.range.lowerBound..<index
    }
  }

  private static func hexValue(_ byte: UInt8) -> Int? {
    switch byte {
    case 0x30...0x39: return Int(byte - 0x30)
    case 0x61...0x66: return Int(byte - 0x61 + 10)
    case 0x41...0x46: return Int(byte - 0x41 + 10)
    default: return nil
    }
  }
}

extension POReader.Entry {
  fileprivate func string(_ target: POReader.Target) -> POReader.POString {
    switch target {
    case .context: return context ?? POReader.POString(range: 0..<0)
    case .id: return id ?? POReader.POString(range: 0..<0)
    case .plural: return plural ?? POReader.POString(range: 0..<0)
    case .translation: return translations.last?.string ?? POReader.POString(range: 0..<0)
    }
  }

  fileprivate mutating func setString(_ target: POReader.Target, _ string: POReader.POString) {
    switch target {
    case .context: context = string
    case .id: id = string
    case .plural: plural = string
    case .translation:
      if let last = translations.indices.last { translations[last].string = string }
    }
  }
}
