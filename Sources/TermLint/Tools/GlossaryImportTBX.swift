// Tools: TBX termbases (ISO 30042) → glossary terms, through libxml2 (`MarkupParser`: no
// DTD is loaded, entity declarations are refused, errors have byte offsets).
//
// TBX v2 (`martif`: TBX-Basic, TBX-Default) and TBX v3 (`tbx`): a `termEntry` or
// `conceptEntry` is a concept; its `langSet`/`langSec` by `xml:lang`: zh* gives the source
// term (the first) and the other source forms, en* the English terms (`tig`, `ntig`,
// `termSec`) by their administrative status. Element names are compared without their
// namespace prefix, so the DCA (`termNote type="administrativeStatus"`) and DCT
// (`<basic:administrativeStatus>`) styles read the same.

import GlossaryModel

enum TBXImport {
  static func read(_ file: SourceFile, into result: inout ImportedTerms) throws(TermLintError) {
    var reader = TBXReading(file: file)
    do {
      try MarkupParser.parse(file, as: .xml) { (event) throws(FormatError) in
        try reader.handle(event)
      }
    } catch {
      throw GlossaryImport.error(error.message, at: error.offset, in: file)
    }
    guard reader.sawRoot else {
      throw GlossaryImport.error("not a TBX file: it has no root element", at: 0, in: file)
    }
    result.terms = reader.terms
    result.notices = reader.notices
    result.sourceLanguage = reader.sourceLanguage
    result.targetLanguage = reader.targetLanguage
  }
}

private struct TBXReading {
  let file: SourceFile
  var terms: [Term] = []
  var notices: [ImportNotice] = []
  var sourceLanguage: String?
  var targetLanguage: String?
  var sawRoot = false
  var ignoredLanguages: Set<String> = []

  /// Local names of the open elements.
  var stack: [String] = []
  var entry: Entry?
  /// The language of the open `langSet`: "zh", "en", or nil for another language.
  var language: String?
  var inLanguage = false
  var section: Section?
  var sectionDepth = 0
  /// Text being collected for the element at `capture.depth`.
  var capture: (what: Capture, depth: Int)?
  var text = ""

  struct Entry {
    var id: String
    var location: SourceLocation
    var sources: [String] = []
    var english: [Section] = []
    var notes: [String] = []
    var reference: String?
  }

  struct Section {
    var term = ""
    var status: String?
    var notes: [String] = []
    var location: SourceLocation
  }

  enum Capture {
    case term, status, note, reference
  }

  init(file: SourceFile) { self.file = file }

  static func local(_ name: String) -> String {
    name.lastIndex(of: ":").map { String(name[name.index(after: $0)...]) } ?? name
  }

  func location(_ offset: Int) -> SourceLocation { GlossaryImport.location(offset, in: file) }

  mutating func handle(_ event: borrowing MarkupEvent) throws(FormatError) {
    switch event.kind {
    case .start:
      let name = Self.local(event.name)
      stack.append(name)
      if !sawRoot {
        sawRoot = true
        guard name == "martif" || name == "tbx" else {
          throw FormatError(
            "not a TBX file: the root element is <\(event.name)>, not <martif> or <tbx>",
            offset: event.range.lowerBound)
        }
        return
      }
      guard capture == nil else { return }
      start(name, event)
    case .end:
      let depth = stack.count
      let name = stack.popLast() ?? ""
      if let open = capture, open.depth == depth {
        capture = nil
        finishCapture(open.what)
        return
      }
      guard capture == nil else { return }
      end(name, depth: depth)
    case .text, .cdata:
      if capture != nil { text += String(decoding: event.text, as: UTF8.self) }
    case .comment, .instruction:
      break
    }
  }

  private mutating func begin(_ what: Capture) {
    capture = (what, stack.count)
    text = ""
  }

  private mutating func start(_ name: String, _ event: borrowing MarkupEvent) {
    let at = location(event.range.lowerBound)
    let type = event.attribute("type")
    switch name {
    case "termEntry", "conceptEntry":
      entry = Entry(id: event.attribute("id") ?? "", location: at)
    case "langSet", "langSec":
      guard entry != nil else { return }
      inLanguage = true
      let tag = event.attribute("xml:lang") ?? event.attribute("lang") ?? ""
      let primary = tag.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first
      switch primary.map(String.init) {
      case "zh":
        language = "zh"
        if sourceLanguage == nil { sourceLanguage = tag }
      case "en":
        language = "en"
        if targetLanguage == nil { targetLanguage = tag }
      default:
        language = nil
        let shown = tag.isEmpty ? "no xml:lang" : tag
        if ignoredLanguages.insert(shown).inserted {
          notices.append(
            ImportNotice(
              "terms in \(shown) are left out: a glossary has Chinese sources and English terms",
              at: at))
        }
      }
    case "tig", "ntig", "termSec":
      guard entry != nil, inLanguage, section == nil else { return }
      section = Section(location: at)
      sectionDepth = stack.count
    case "term":
      if section != nil { begin(.term) }
    case "termNote" where type == "administrativeStatus" || type == "normativeAuthorization":
      if section != nil { begin(.status) }
    case "administrativeStatus", "normativeAuthorization":
      if section != nil { begin(.status) }
    case "note":
      if entry != nil { begin(.note) }
    case "descrip" where type == "definition":
      if entry != nil { begin(.note) }
    case "definition":
      if entry != nil { begin(.note) }
    case "xref":
      guard entry != nil else { return }
      if let target = event.attribute("target"), !target.isEmpty {
        setReference(target.trimmingWhitespace())
      } else {
        begin(.reference)
      }
    case "admin" where type == "source", "descrip" where type == "source":
      if entry != nil { begin(.reference) }
    case "source", "externalCrossReference":
      if entry != nil { begin(.reference) }
    default:
      break
    }
  }

  private mutating func setReference(_ text: String) {
    guard !text.isEmpty, entry?.reference == nil else { return }
    entry?.reference = text
  }

  private mutating func finishCapture(_ what: Capture) {
    switch what {
    case .term:
      section?.term = text.collapsingWhitespace()
    case .status:
      section?.status = text.trimmingWhitespace()
    case .note:
      let note = text.trimmingWhitespace()
      guard !note.isEmpty else { return }
      // A note on an English term is that form's note; elsewhere, the concept's.
      if section != nil && language == "en" {
        section?.notes.append(note)
      } else if section == nil {
        entry?.notes.append(note)
      }
    case .reference:
      setReference(text.trimmingWhitespace())
    }
  }

  private mutating func end(_ name: String, depth: Int) {
    switch name {
    case "tig", "ntig", "termSec":
      guard let done = section, depth == sectionDepth else { return }
      section = nil
      if done.term.isEmpty {
        notices.append(ImportNotice("skipped an empty term", at: done.location))
        return
      }
      switch language {
      case "zh": entry?.sources.append(done.term)
      case "en": entry?.english.append(done)
      default: break
      }
    case "langSet", "langSec":
      inLanguage = false
      language = nil
    case "termEntry", "conceptEntry":
      if let done = entry { finish(done) }
      entry = nil
    default:
      break
    }
  }

  enum Status {
    case preferred, admitted, deprecated
  }

  static func status(_ text: String) -> Status? {
    switch text.lowercased() {
    case "preferredterm-admn-sts", "preferred": return .preferred
    case "admittedterm-admn-sts", "admitted": return .admitted
    case "deprecatedterm-admn-sts", "supersededterm-admn-sts", "deprecated", "superseded":
      return .deprecated
    default: return nil
    }
  }

  private mutating func finish(_ entry: Entry) {
    var preferred: Form?
    var accepted: [Form] = []
    var variants: [Form] = []
    var unmarked: [Form] = []
    for section in entry.english {
      let form = Form(
        text: section.term,
        note: section.notes.isEmpty ? nil : section.notes.joined(separator: "\n"))
      var status: Status?
      if let written = section.status, !written.isEmpty {
        status = Self.status(written)
        if status == nil {
          notices.append(
            ImportNotice(
              "unknown administrative status '\(written)' of “\(section.term)”: taken as no status",
              at: section.location))
        }
      }
      switch status {
      case .preferred?:
        if preferred == nil {
          preferred = form
        } else {
          notices.append(
            ImportNotice(
              "a second preferred term “\(section.term)”: listed as accepted", at: section.location)
          )
          accepted.append(form)
        }
      case .admitted?: accepted.append(form)
      case .deprecated?: variants.append(form)
      case nil: unmarked.append(form)
      }
    }
    // Terms with no status: the first is the preferred form when no term is marked so.
    if preferred == nil, !unmarked.isEmpty {
      preferred = unmarked.removeFirst()
    }
    accepted += unmarked
    let note = entry.notes.isEmpty ? nil : entry.notes.joined(separator: "\n")
    if let term = GlossaryImport.term(
      id: entry.id, sources: entry.sources, preferred: preferred, accepted: accepted,
      variants: variants, note: note, reference: entry.reference, location: entry.location,
      notices: &notices)
    {
      terms.append(term)
    }
  }
}
