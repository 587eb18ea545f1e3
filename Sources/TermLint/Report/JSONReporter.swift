/// The JSON contract (version 1), read by other tools: keep it stable.
///
/// `{"version": 1, "diagnostics": [...], "summary": {...}, "errors": [...]}`. Lines and
/// columns are 1-based, columns count Unicode scalars and `end_column` is exclusive;
/// `offset` and `length` are UTF-8 bytes of the original file (a byte-order mark
/// included); `matched` is the original text of the span; `replacement` is the
/// suggested text or null.
public struct JSONReporter: Reporter {
  /// What a shard carries for `termlint merge` (`statistics`, after `skipped`).
  public var statistics: ShardStatistics?

  public init(statistics: ShardStatistics? = nil) { self.statistics = statistics }

  public var separator: String { "," }

  public var piecesSplit: Bool { true }

  public func head(_ totals: RunTotals?) -> String { #"{"version":1,"diagnostics":["# }

  public func piece(_ report: FileReport) -> String {
    var out: [UInt8] = []
    var cache = Cache()
    for (index, diagnostic) in report.diagnostics.enumerated() {
      if index > 0 { out.append(UInt8(ascii: ",")) }
      Self.append(diagnostic, to: &out, cache: &cache)
    }
    return String(decoding: out, as: UTF8.self)
  }

  public func tail(_ totals: RunTotals, afterPieces: Bool) -> String {
    guard let statistics else { return "]," + Self.totals(totals) + "}\n" }
    let json = JSONWriter()
    render(statistics, into: json)
    return "]," + Self.totals(totals) + "," + json.output + "}\n"
  }

  /// The `summary`, `errors` and `skipped` fields, comma-separated (no braces).
  static func totals(_ totals: RunTotals) -> String {
    let json = JSONWriter()
    json.field("summary") { json.summary(totals.summary, findingsKey: "diagnostics") }
    json.field("errors") { json.problems(totals.problems) }
    json.field("skipped") {
      json.array(totals.skippedBinary) { path in
        json.object {
          json.field("path") { json.string(path) }
          json.field("reason") { json.string("binary") }
        }
      }
    }
    return json.output
  }

  /// `"statistics": {"version": 1, "shard": "i/n", "scope": ..., "files": [...],
  /// "concepts": [...]}`: each concept (`term` id and `preferred`, or `phrase` key) with its
  /// renderings (`key`, `text`, `count`, `places`); a place is `[file, offset, length, line,
  /// column, end_line, end_column, source, flags]` plus, when it differs from the
  /// rendering's, its text as shown and the matched bytes: flags are q (quoted),
  /// s (at a sentence start), x (suppressed).
  private func render(_ statistics: ShardStatistics, into json: JSONWriter) {
    json.field("statistics") {
      json.object {
        json.field("version") { json.number(1) }
        json.field("shard") { json.string(statistics.shard?.description) }
        json.field("scope") { json.string(statistics.scope.rawValue) }
        json.field("files") {
          json.array(statistics.files) { file in
            json.object {
              json.field("path") { json.string(file.path) }
              json.field("inconsistent") { json.string(file.inconsistent?.rawValue) }
              if let digest = file.digest { json.field("digest") { json.string(digest) } }
            }
          }
        }
        json.field("anchors") {
          json.array(statistics.anchors) { anchor in
            json.array([anchor]) { anchor in
              json.string(anchor.key)
              json.string(anchor.firstToken)
            }
          }
        }
        json.field("concepts") {
          json.array(ShardStatistics.concepts(statistics.places)) { concept in
            json.object {
              let first = concept.renderings[0].places[0]
              if let term = first.term {
                json.field("term") { json.string(term) }
                json.field("preferred") { json.string(first.preferred) }
              } else {
                json.field("phrase") { json.string(first.phrase) }
              }
              json.field("renderings") {
                json.array(concept.renderings) { rendering in
                  json.object {
                    json.field("key") { json.string(rendering.key) }
                    json.field("text") { json.string(rendering.text) }
                    json.field("count") { json.number(rendering.places.count) }
                    json.field("places") {
                      json.array(rendering.places) { place in
                        json.array([place]) { place in
                          json.number(place.file)
                          json.number(place.range.start)
                          json.number(place.range.length)
                          json.number(place.start.line)
                          json.number(place.start.column)
                          json.number(place.end.line)
                          json.number(place.end.column)
                          json.string(place.source.name)
                          json.string(
                            (place.quoted ? "q" : "") + (place.atSentenceStart ? "s" : "")
                              + (place.suppressed ? "x" : ""))
                          if place.text != rendering.text || place.matched != place.text {
                            json.string(place.text)
                            json.string(place.matched)
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  /// What consecutive diagnostics share, rendered once: the path and the term.
  struct Cache {
    var path: String?
    var pathBytes: [UInt8] = []
    var term: TermSummary?
    var termBytes: [UInt8] = []
    // A file with one variant throughout repeats its message, matched text and
    // replacement at every finding (the rules share the strings): each is escaped once.
    var message = LastString()
    var matched = LastString()
    var replacement = LastString()
  }

  /// The last string written in one field, with its JSON bytes.
  struct LastString {
    private var value: String??
    private var bytes: [UInt8] = []

    mutating func append(_ string: String?, to out: inout [UInt8]) {
      var same = false
      if case .some(let last) = value { same = JSONBytes.sameBytes(last, string) }
      if !same {
        value = .some(string)
        bytes.removeAll(keepingCapacity: true)
        JSONBytes.string(string, to: &bytes)
      }
      out.append(contentsOf: bytes)
    }
  }

  /// One diagnostic object, in the bytes `render(_:into:)` gives.
  static func append(_ diagnostic: Diagnostic, to out: inout [UInt8], cache: inout Cache) {
    func key(_ name: StaticString) { JSONBytes.literal(name, to: &out) }
    // Bytes compared, not strings: Swift's == holds for canonically equivalent strings,
    // and two paths (or texts) in NFC and NFD are different bytes to write.
    if !JSONBytes.sameBytes(cache.path, diagnostic.path) {
      cache.path = diagnostic.path
      cache.pathBytes.removeAll(keepingCapacity: true)
      JSONBytes.string(diagnostic.path, to: &cache.pathBytes)
    }
    key(#"{"path":"#)
    out.append(contentsOf: cache.pathBytes)
    key(#","rule":"#)
    JSONBytes.string(diagnostic.rule, to: &out)
    key(#","severity":""#)
    switch diagnostic.severity {
    case .error: key("error")
    case .warning: key("warning")
    case .info: key("info")
    }
    key(#"","message":"#)
    cache.message.append(diagnostic.message, to: &out)
    key(#","line":"#)
    JSONBytes.number(diagnostic.start.line, to: &out)
    key(#","column":"#)
    JSONBytes.number(diagnostic.start.column, to: &out)
    key(#","end_line":"#)
    JSONBytes.number(diagnostic.end.line, to: &out)
    key(#","end_column":"#)
    JSONBytes.number(diagnostic.end.column, to: &out)
    key(#","offset":"#)
    JSONBytes.number(diagnostic.range.start, to: &out)
    key(#","length":"#)
    JSONBytes.number(diagnostic.range.length, to: &out)
    key(#","matched":"#)
    cache.matched.append(diagnostic.matched, to: &out)
    key(#","replacement":"#)
    cache.replacement.append(diagnostic.replacement, to: &out)
    key(#","fix":"#)
    if let fix = diagnostic.fix {
      key(#"{"applicability":"#)
      JSONBytes.string(fix.applicability.rawValue, to: &out)
      key(#","edits":["#)
      for (index, edit) in fix.edits.enumerated() {
        key(index == 0 ? #"{"offset":"# : #",{"offset":"#)
        JSONBytes.number(edit.range.start, to: &out)
        key(#","length":"#)
        JSONBytes.number(edit.range.length, to: &out)
        key(#","replacement":"#)
        JSONBytes.string(edit.replacement, to: &out)
        key("}")
      }
      key("]}")
    } else {
      key("null")
    }
    if let unit = diagnostic.unit {
      key(#","unit":"#)
      JSONBytes.string(unit, to: &out)
    }
    if !diagnostic.notes.isEmpty {
      key(#","notes":["#)
      for (index, note) in diagnostic.notes.enumerated() {
        key(index == 0 ? #"{"message":"# : #",{"message":"#)
        JSONBytes.string(note.message, to: &out)
        key(#","rule":"#)
        JSONBytes.string(note.rule, to: &out)
        key(#","path":"#)
        JSONBytes.string(note.range == nil ? nil : note.path ?? diagnostic.path, to: &out)
        key(#","line":"#)
        JSONBytes.number(note.start?.line, to: &out)
        key(#","column":"#)
        JSONBytes.number(note.start?.column, to: &out)
        key(#","offset":"#)
        JSONBytes.number(note.range?.start, to: &out)
        key(#","length":"#)
        JSONBytes.number(note.range?.length, to: &out)
        key("}")
      }
      key("]")
    }
    key(#","term":"#)
    if let term = diagnostic.term {
      if cache.term.map({ $0 === term || $0 == term }) != true {
        cache.term = term
        cache.termBytes.removeAll(keepingCapacity: true)
        append(term, to: &cache.termBytes)
      }
      out.append(contentsOf: cache.termBytes)
    } else {
      key("null")
    }
    key("}")
  }

  /// A diagnostic's `term` object.
  static func append(_ term: TermSummary, to out: inout [UInt8]) {
    func key(_ name: StaticString) { JSONBytes.literal(name, to: &out) }
    key(#"{"id":"#)
    JSONBytes.string(term.id, to: &out)
    key(#","source":"#)
    JSONBytes.string(term.source, to: &out)
    key(#","preferred":"#)
    JSONBytes.string(term.preferred, to: &out)
    key(#","accepted":["#)
    for (index, accepted) in term.accepted.enumerated() {
      if index > 0 { key(",") }
      JSONBytes.string(accepted, to: &out)
    }
    key(#"],"note":"#)
    JSONBytes.string(term.note, to: &out)
    key(#","reference":"#)
    JSONBytes.string(term.reference, to: &out)
    key(#","glossary":"#)
    JSONBytes.string(term.glossary, to: &out)
    key("}")
  }

  func render(_ diagnostic: Diagnostic, into json: JSONWriter) {
    json.object {
      json.field("path") { json.string(diagnostic.path) }
      json.field("rule") { json.string(diagnostic.rule) }
      json.field("severity") { json.string(diagnostic.severity.rawValue) }
      json.field("message") { json.string(diagnostic.message) }
      json.field("line") { json.number(diagnostic.start.line) }
      json.field("column") { json.number(diagnostic.start.column) }
      json.field("end_line") { json.number(diagnostic.end.line) }
      json.field("end_column") { json.number(diagnostic.end.column) }
      json.field("offset") { json.number(diagnostic.range.start) }
      json.field("length") { json.number(diagnostic.range.length) }
      json.field("matched") { json.string(diagnostic.matched) }
      json.field("replacement") { json.string(diagnostic.replacement) }
      json.field("fix") {
        if let fix = diagnostic.fix {
          json.object {
            json.field("applicability") { json.string(fix.applicability.rawValue) }
            json.field("edits") {
              json.array(fix.edits) { edit in
                json.object {
                  json.field("offset") { json.number(edit.range.start) }
                  json.field("length") { json.number(edit.range.length) }
                  json.field("replacement") { json.string(edit.replacement) }
                }
              }
            }
          }
        } else {
          json.null()
        }
      }
      if let unit = diagnostic.unit { json.field("unit") { json.string(unit) } }
      if !diagnostic.notes.isEmpty {
        json.field("notes") {
          json.array(diagnostic.notes) { note in
            json.object {
              json.field("message") { json.string(note.message) }
              json.field("rule") { json.string(note.rule) }
              json.field("path") {
                json.string(note.range == nil ? nil : note.path ?? diagnostic.path)
              }
              json.field("line") { json.number(note.start?.line) }
              json.field("column") { json.number(note.start?.column) }
              json.field("offset") { json.number(note.range?.start) }
              json.field("length") { json.number(note.range?.length) }
            }
          }
        }
      }
      json.field("term") {
        if let term = diagnostic.term {
          json.object {
            json.field("id") { json.string(term.id) }
            json.field("source") { json.string(term.source) }
            json.field("preferred") { json.string(term.preferred) }
            json.field("accepted") { json.array(term.accepted) { json.string($0) } }
            json.field("note") { json.string(term.note) }
            json.field("reference") { json.string(term.reference) }
            json.field("glossary") { json.string(term.glossary) }
          }
        } else {
          json.null()
        }
      }
    }
  }
}
