// Tools: `termlint glossary import`. Takes termbase files (TBX, CSV/TSV, prh, Vale
// substitution rules) and gives the concepts as `Term`s and as glossary YAML that the
// strict loader reads back. One file per format beside this one; this file holds what they
// share: the format list, notices, ids and the YAML writer.

import GlossaryModel

/// A termbase format that `glossary import` reads (TBX and CSV are also exported).
public enum InterchangeFormat: String, Sendable, CaseIterable {
  /// TBX: TBX-Basic and other TBX v2 (`martif`) files, and TBX v3 (`tbx`), ISO 30042.
  case tbx
  /// Comma-separated values with a header row (RFC 4180).
  case csv
  /// Tab-separated values with a header row (quoted fields as in CSV).
  case tsv
  /// prh (proofreading helper) YAML rules: `expected` and `pattern`.
  case prh
  /// A Vale `substitution` rule: `swap: {bad: good}`.
  case vale

  /// The format of a file by its extension; `.yml` and `.yaml` files are prh or Vale by
  /// their content (a top-level `extends:` is Vale, `rules:` is prh). Nil when unknown.
  public static func detect(path: String, bytes: [UInt8]) -> InterchangeFormat? {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: ".") else { return nil }
    switch name[name.index(after: dot)...].lowercased() {
    case "tbx": return .tbx
    case "csv": return .csv
    case "tsv", "tab": return .tsv
    case "yml", "yaml":
      for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline) {
        if line.hasPrefix("extends:") { return .vale }
        if line.hasPrefix("rules:") { return .prh }
      }
      return nil
    default: return nil
    }
  }
}

/// Something an import left out or changed, with where it is: a regular expression it
/// cannot list as a form, an entry with no English term, an id it had to rewrite.
public struct ImportNotice: Sendable, Equatable, CustomStringConvertible {
  public var message: String
  public var location: SourceLocation?

  public init(_ message: String, at location: SourceLocation?) {
    self.message = message
    self.location = location
  }

  public var description: String {
    (location.map { "\($0): " } ?? "") + "warning: " + message
  }
}

/// The concepts read from one termbase file.
public struct ImportedTerms: Sendable {
  public var path: String
  public var format: InterchangeFormat
  /// Each term's `id` is as the file wrote it (possibly empty or not kebab-case) until
  /// `GlossaryImport.glossary` makes the ids valid and unique.
  public var terms: [Term]
  public var notices: [ImportNotice]
  public var sourceLanguage: String?
  public var targetLanguage: String?
}

/// Reads termbases into glossary terms and writes them as glossary YAML.
public enum GlossaryImport {
  /// Reads one file. Malformed input is a `TermLintError` at its line and column.
  public static func read(_ bytes: [UInt8], path: String, format: InterchangeFormat)
    throws(TermLintError) -> ImportedTerms
  {
    let file: SourceFile
    do {
      file = try SourceFile(path: path, bytes: bytes)
    } catch {
      switch error {
      case .binary:
        throw TermLintError(.format, "a binary file, not a \(format.rawValue) termbase", path: path)
      case .invalidUTF8(let offset):
        let position = LineIndex(bytes: bytes).position(of: offset, in: bytes)
        let at = SourceLocation(path: path, line: position.line, column: position.column)
        throw TermLintError(.format, "not valid UTF-8 (byte offset \(offset))", at: at, path: path)
      }
    }
    var result = ImportedTerms(path: path, format: format, terms: [], notices: [])
    switch format {
    case .tbx: try TBXImport.read(file, into: &result)
    case .csv: try DelimitedImport.read(file, separator: UInt8(ascii: ","), into: &result)
    case .tsv: try DelimitedImport.read(file, separator: 0x09, into: &result)
    case .prh: try PrhImport.read(file, into: &result)
    case .vale: try ValeImport.read(file, into: &result)
    }
    return result
  }

  /// The terms of `files` as one glossary: ids made kebab-case (from the file's id, else
  /// the preferred form, else the position) and unique (`-2`, `-3`), each change a notice.
  public static func glossary(_ files: [ImportedTerms], name: String? = nil) -> (
    Glossary, [ImportNotice]
  ) {
    var notices: [ImportNotice] = []
    var used: Set<String> = []
    var terms: [Term] = []
    for file in files {
      var fileNotices = file.notices
      for var term in file.terms {
        let written = term.id.trimmingWhitespace()
        var id = written
        if !GlossaryLoader.isValidID(id) {
          id = GlossaryLoader.slug(written)
          if id.isEmpty {
            let form = term.preferred ?? term.accepted.first ?? term.variants.first
            id = form.map { GlossaryLoader.slug($0.text) } ?? ""
          }
          if id.isEmpty {
            let line = term.location?.line ?? terms.count + 1
            id = "term-\(GlossaryLoader.slug(GlossaryLoader.fileName(file.path)))-\(line)"
              .replacing("--", with: "-")
          }
          if !written.isEmpty {
            fileNotices.append(
              ImportNotice(
                "the id '\(written)' is not kebab-case; written as '\(id)'", at: term.location))
          }
        }
        if used.contains(id) {
          var number = 2
          while used.contains("\(id)-\(number)") { number += 1 }
          fileNotices.append(
            ImportNotice("the id '\(id)' is taken; written as '\(id)-\(number)'", at: term.location)
          )
          id = "\(id)-\(number)"
        }
        used.insert(id)
        term.id = id
        terms.append(term)
      }
      // In the order of the file (a stable sort keeps a place's notices in order).
      notices += fileNotices.enumerated().sorted { a, b in
        let pa = a.element.location.map { ($0.line, $0.column) } ?? (0, 0)
        let pb = b.element.location.map { ($0.line, $0.column) } ?? (0, 0)
        return pa != pb ? pa < pb : a.offset < b.offset
      }.map(\.element)
    }
    let glossaryName =
      name ?? (files.count == 1 ? GlossaryLoader.fileName(files[0].path) : "Imported glossary")
    let glossary = Glossary(
      name: glossaryName, path: "", sourceLanguage: files.lazy.compactMap(\.sourceLanguage).first,
      targetLanguage: files.lazy.compactMap(\.targetLanguage).first, terms: terms)
    return (glossary, notices)
  }

  /// The glossary as YAML the glossary loader reads, headed by a comment naming the files.
  public static func yaml(_ glossary: Glossary, from files: [ImportedTerms]) -> String {
    let sources = files.map { "\($0.path) (\($0.format.rawValue))" }.joined(separator: ", ")
    let count = glossary.terms.count
    var out = "# Imported by termlint glossary import from \(sources): "
    out += "\(count) concept\(count == 1 ? "" : "s").\n"
    out += "# Review it with 'termlint glossary check' before use.\n"
    out += "name: \(Discovery.scalar(glossary.name))\n"
    if let language = glossary.sourceLanguage {
      out += "source_language: \(Discovery.scalar(language))\n"
    }
    if let language = glossary.targetLanguage {
      out += "target_language: \(Discovery.scalar(language))\n"
    }
    guard !glossary.terms.isEmpty else { return out + "terms: []\n" }
    out += "terms:\n"
    for (index, term) in glossary.terms.enumerated() {
      if index > 0 { out += "\n" }
      out += "  - id: \(term.id)\n"
      out += Discovery.entry(term, adding: [])
    }
    return out
  }

  // MARK: Shared by the format readers

  static func location(_ offset: Int, in file: SourceFile) -> SourceLocation {
    let position = file.lineIndex.position(of: min(offset, file.bytes.count), in: file.bytes)
    return SourceLocation(path: file.path, line: position.line, column: position.column)
  }

  static func error(_ message: String, at offset: Int, in file: SourceFile) -> TermLintError {
    TermLintError(.format, message, at: location(offset, in: file), path: file.path)
  }

  /// A term from its forms, or nil (with a notice) when it has no English form to match.
  static func term(
    id: String, sources: [String], preferred: Form?, accepted: [Form], variants: [Form],
    note: String?, reference: String?, matchCase: Bool = false, location: SourceLocation?,
    notices: inout [ImportNotice]
  ) -> Term? {
    var seen: Set<String> = []
    func unique(_ forms: [Form]) -> [Form] {
      forms.filter { !$0.text.isEmpty && seen.insert($0.text).inserted }
    }
    let preferred = preferred.flatMap { unique([$0]).first }
    let accepted = unique(accepted)
    let variants = unique(variants)
    guard preferred != nil || !accepted.isEmpty || !variants.isEmpty else {
      notices.append(ImportNotice("skipped an entry with no English term", at: location))
      return nil
    }
    var sourceForms: [String] = []
    for text in sources where !text.isEmpty && !sourceForms.contains(text) {
      sourceForms.append(text)
    }
    return Term(
      id: id, source: sourceForms.first,
      otherSourceForms: sourceForms.dropFirst().map { Form(text: $0) }, preferred: preferred,
      accepted: accepted, variants: variants, matchCase: matchCase,
      note: note.flatMap { $0.isEmpty ? nil : $0 },
      reference: reference.flatMap { $0.isEmpty ? nil : $0 }, location: location)
  }
}

extension String {
  /// Without leading and trailing spaces, tabs and line breaks.
  func trimmingWhitespace() -> String {
    let scalars = unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
      let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
    else { return "" }
    return String(scalars[first...last])
  }

  /// Runs of XML whitespace (space, tab, line breaks: pretty-printed XML) as one space,
  /// trimmed. Other spaces (no-break) are kept.
  func collapsingWhitespace() -> String {
    var out = ""
    var pendingSpace = false
    for scalar in unicodeScalars {
      if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
        pendingSpace = !out.isEmpty
      } else {
        if pendingSpace { out.unicodeScalars.append(" ") }
        pendingSpace = false
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
