/// A compact text form of loaded glossaries, for the bundled dictionaries: the build-time
/// tool loads and checks their YAML and writes this form into the binary, which decodes it
/// at start-up instead of parsing YAML (a third of the start-up time before).
///
/// The text is a list of values separated by U+001F: a string as written, an absent
/// optional as U+001E, a number in decimal, a flag as 0 or 1, a list as its count then its
/// items. Locations are a line and a column in the glossary's own file.
public enum GlossaryCodec {
  static let version = "termlint-glossaries-5"
  static let separator: UInt8 = 0x1F
  static let absent = "\u{1E}"

  /// Why a glossary cannot be encoded: a string holds one of the two marks.
  public struct EncodingError: Error, CustomStringConvertible {
    public var description: String
  }

  public static func encode(_ glossaries: [Glossary]) throws(EncodingError) -> String {
    var writer = Writer()
    writer.string(version)
    writer.count(glossaries.count)
    for glossary in glossaries {
      writer.string(glossary.name)
      writer.string(glossary.path)
      writer.optional(glossary.sourceLanguage)
      writer.optional(glossary.targetLanguage)
      writer.count(glossary.terms.count)
      for term in glossary.terms {
        writer.string(term.id)
        writer.optional(term.source)
        writer.forms(term.otherSourceForms)
        writer.flag(term.preferred != nil)
        if let preferred = term.preferred { writer.form(preferred) }
        writer.forms(term.accepted)
        writer.forms(term.variants)
        writer.string(term.casePolicy.rawValue)
        writer.flag(term.matchCase)
        writer.optional(term.note)
        writer.optional(term.reference)
        writer.string(term.fixApplicability.rawValue)
        writer.strings(term.flagExamples)
        writer.strings(term.passExamples)
        writer.location(term.location)
        writer.string(term.glossaryName)
        writer.flag(term.singularOnly)
        writer.flag(term.quotesOptional)
        writer.forms(term.containedIn)
      }
    }
    if let bad = writer.unencodable {
      throw EncodingError(
        description: "cannot encode a glossary string holding U+001F or U+001E: \(bad)")
    }
    return writer.values.joined(separator: "\u{1F}")
  }

  /// The glossaries of `encode`'s text; nil when the text is not such a text.
  public static func decode(_ text: String) -> [Glossary]? {
    var text = text
    return text.withUTF8 { decode(utf8: UnsafeRawBufferPointer($0)) }
  }

  /// The glossaries of `encode`'s text as UTF-8 bytes, read where they lie (a stored
  /// glossary is not copied into a string first); bytes that are not UTF-8 are repaired.
  public static func decode(utf8 bytes: UnsafeRawBufferPointer) -> [Glossary]? {
    var glossaries: [Glossary] = []
    let complete = walk(bytes) { glossary in
      glossaries.append(glossary)
    } term: { _, term in
      glossaries[glossaries.count - 1].terms.append(term)
    }
    return complete ? glossaries : nil
  }

  /// Where each term of `encode`'s text (UTF-8) starts, and the path of its glossary: what
  /// `decodeTerm` needs to read one term alone. Nil when the text is not such a text.
  public static func termStarts(utf8 bytes: UnsafeRawBufferPointer) -> (
    paths: [String], starts: [Int], glossaries: [Int]
  )? {
    var paths: [String] = []
    var starts: [Int] = []
    var glossaries: [Int] = []
    let complete = walk(bytes) { glossary in
      paths.append(glossary.path)
    } term: { start, _ in
      starts.append(start)
      glossaries.append(paths.count - 1)
    }
    return complete ? (paths, starts, glossaries) : nil
  }

  /// The term whose record starts at byte `start` of `encode`'s text (from `termStarts`),
  /// in a glossary at `path`; nil when no term can be read there.
  public static func decodeTerm(utf8 bytes: UnsafeRawBufferPointer, at start: Int, path: String)
    -> Term?
  {
    guard start >= 0, start < bytes.count else { return nil }
    var reader = Reader(bytes: bytes)
    reader.position = start
    return reader.term(path)
  }

  /// Reads the text through, handing each glossary (without its terms) and each term (with
  /// the byte offset its record starts at) to the callbacks; false when it is not such a
  /// text.
  private static func walk(
    _ bytes: UnsafeRawBufferPointer, glossary: (Glossary) -> Void,
    term: (Int, Term) -> Void
  ) -> Bool {
    var reader = Reader(bytes: bytes)
    guard reader.string() == version, let count = reader.count() else { return false }
    for _ in 0..<count {
      guard let name = reader.string(), let path = reader.string(),
        let sourceLanguage = reader.optional(), let targetLanguage = reader.optional(),
        let termCount = reader.count()
      else { return false }
      glossary(
        Glossary(
          name: name, path: path, sourceLanguage: sourceLanguage,
          targetLanguage: targetLanguage, terms: []))
      for _ in 0..<termCount {
        let start = reader.position
        guard let read = reader.term(path) else { return false }
        term(start, read)
      }
    }
    return reader.atEnd
  }

  private struct Writer {
    var values: [String] = []
    /// The first string that holds a mark and cannot be written.
    var unencodable: String?

    mutating func string(_ value: String) {
      if unencodable == nil
        && (value.utf8.contains(separator) || value.unicodeScalars.contains("\u{1E}"))
      {
        unencodable = value
      }
      values.append(value)
    }

    mutating func optional(_ value: String?) {
      if let value { string(value) } else { values.append(absent) }
    }
    mutating func count(_ value: Int) { values.append(String(value)) }
    mutating func flag(_ value: Bool) { values.append(value ? "1" : "0") }

    mutating func strings(_ list: [String]) {
      count(list.count)
      for item in list { string(item) }
    }

    mutating func location(_ location: SourceLocation?) {
      guard let location else {
        values.append(absent)
        return
      }
      count(location.line)
      count(location.column)
    }

    mutating func form(_ form: Form) {
      string(form.text)
      optional(form.note)
      location(form.location)
    }

    mutating func forms(_ list: [Form]) {
      count(list.count)
      for item in list { form(item) }
    }
  }

  /// Reads values in order. Each accessor returns nil for a malformed text; `optional`
  /// returns `.some(nil)` for an absent value. Works on the text's UTF-8 bytes (a value is
  /// a byte range between separators), so a large glossary decodes in a few milliseconds.
  private struct Reader {
    let bytes: UnsafeRawBufferPointer
    var position = 0
    var atEnd: Bool { done }

    init(bytes: UnsafeRawBufferPointer) {
      self.bytes = bytes
    }

    private var done = false

    mutating func next() -> Range<Int>? {
      guard !done else { return nil }
      var end = position
      while end < bytes.count && bytes[end] != GlossaryCodec.separator { end += 1 }
      let value = position..<end
      if end == bytes.count {
        position = end
        done = true
      } else {
        position = end + 1
      }
      return value
    }

    /// Whether `range` is the absent mark (U+001E, one byte).
    private func isAbsent(_ range: Range<Int>) -> Bool {
      range.count == 1 && bytes[range.lowerBound] == 0x1E
    }

    /// A decimal number without sign, or nil.
    private func number(_ range: Range<Int>) -> Int? {
      guard !range.isEmpty, range.count <= 18 else { return nil }
      var value = 0
      for index in range {
        let digit = Int(bytes[index]) - 48
        guard digit >= 0 && digit <= 9 else { return nil }
        value = value * 10 + digit
      }
      return value
    }

    mutating func string() -> String? {
      next().map { String(decoding: UnsafeRawBufferPointer(rebasing: bytes[$0]), as: UTF8.self) }
    }

    mutating func optional() -> String?? {
      guard let value = next() else { return nil }
      return .some(
        isAbsent(value)
          ? nil : String(decoding: UnsafeRawBufferPointer(rebasing: bytes[value]), as: UTF8.self))
    }

    /// A count: never more than one past the bytes left after it, since every counted value
    /// but the text's last takes one at least, its separator (so a damaged text cannot ask
    /// for a huge allocation).
    mutating func count() -> Int? {
      next().flatMap { number($0) }.flatMap { $0 <= bytes.count - position + 1 ? $0 : nil }
    }

    mutating func flag() -> Bool? {
      guard let value = next(), value.count == 1 else { return nil }
      switch bytes[value.lowerBound] {
      case UInt8(ascii: "1"): return true
      case UInt8(ascii: "0"): return false
      default: return nil
      }
    }

    mutating func strings() -> [String]? {
      guard let count = count() else { return nil }
      var result: [String] = []
      result.reserveCapacity(count)
      for _ in 0..<count {
        guard let value = string() else { return nil }
        result.append(value)
      }
      return result
    }

    mutating func location(_ path: String) -> SourceLocation?? {
      guard let first = next() else { return nil }
      if isAbsent(first) { return .some(nil) }
      guard let line = number(first), let column = next().flatMap({ number($0) }) else {
        return nil
      }
      return .some(SourceLocation(path: path, line: line, column: column))
    }

    /// One term's record, its locations in the glossary at `path`.
    mutating func term(_ path: String) -> Term? {
      guard let id = string(), let source = optional(), let sourceForms = forms(path),
        let hasPreferred = flag()
      else { return nil }
      var preferred: Form?
      if hasPreferred {
        guard let form = form(path) else { return nil }
        preferred = form
      }
      guard let accepted = forms(path), let variants = forms(path),
        let casePolicy = string().flatMap(CasePolicy.init(rawValue:)),
        let matchCase = flag(), let note = optional(), let reference = optional(),
        let fix = string().flatMap(FixApplicability.init(rawValue:)),
        let flag = strings(), let pass = strings(), let location = location(path),
        let glossaryName = string(), let singularOnly = self.flag(),
        let quotesOptional = self.flag(), let containedIn = forms(path)
      else { return nil }
      var term = Term(
        id: id, source: source, otherSourceForms: sourceForms, preferred: preferred,
        accepted: accepted, variants: variants, casePolicy: casePolicy, matchCase: matchCase,
        note: note, reference: reference, fixApplicability: fix, flagExamples: flag,
        passExamples: pass, location: location, glossaryName: glossaryName)
      term.singularOnly = singularOnly
      term.quotesOptional = quotesOptional
      term.containedIn = containedIn
      return term
    }

    mutating func form(_ path: String) -> Form? {
      guard let text = string(), let note = optional(), let location = location(path) else {
        return nil
      }
      return Form(text: text, note: note, location: location)
    }

    mutating func forms(_ path: String) -> [Form]? {
      guard let count = count() else { return nil }
      var result: [Form] = []
      result.reserveCapacity(count)
      for _ in 0..<count {
        guard let form = form(path) else { return nil }
        result.append(form)
      }
      return result
    }
  }
}
