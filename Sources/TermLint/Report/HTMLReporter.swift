// Report stage: a reviewer's report as one self-contained HTML page.

/// One HTML file for a reviewer: a summary, a term-consistency table and the findings
/// grouped by file, with filters by rule, file and severity. No network: the CSS and the
/// script are inline, allowed by a Content-Security-Policy that names their SHA-256 hashes
/// and nothing else.
///
/// The page is written as a stream like the JSON report: the head (page, style, the opening
/// of a `<script type="application/json">` block), one JSON object per file with findings,
/// and the tail (the run's counts, the files that could not be checked, the page's script).
/// The script builds the page from that data with `textContent` only, so file text is never
/// parsed as HTML. In the data every `<`, `>` and `&` is written `\u003c`, `\u003e`,
/// `\u0026`, so nothing in it can close the block. termlint holds no more than the JSON
/// report does (a few files' findings); the browser holds the whole run.
///
/// What the script shows is computed here, where it can be tested: each finding's excerpt
/// cut into the text before, at and after the span; its concept (the glossary term, or for a
/// name no glossary knows the rendering `inconsistent` keeps); and the renderings it knows
/// of (its own span, and the "also written" places folded into its notes), which the
/// script sums into the table. Text from files has control and bidirectional characters
/// shown as `\u{…}` (see `TerminalText`).
public struct HTMLReporter: Reporter {
  public var needsExcerpts: Bool { true }

  public var toolVersion: String?

  public init(toolVersion: String? = nil) {
    self.toolVersion = toolVersion
  }

  public var separator: String { "," }

  public func head(_ totals: RunTotals?) -> String {
    HTMLPage.head + #"<script type="application/json" id="termlint-data">{"version":1,"files":["#
  }

  public func piece(_ report: FileReport) -> String {
    guard !report.diagnostics.isEmpty else { return "" }
    let json = JSONWriter()
    json.object {
      json.field("path") { json.string(Self.visible(report.path)) }
      json.field("findings") {
        json.array(report.diagnostics) { diagnostic in
          render(diagnostic, excerpt: report.excerpts[diagnostic.range.start], into: json)
        }
      }
    }
    return Self.scriptSafe(json.output)
  }

  public func tail(_ totals: RunTotals, afterPieces: Bool) -> String {
    let json = JSONWriter()
    json.field("summary") { json.summary(totals.summary, findingsKey: "findings") }
    json.field("problems") { json.problems(totals.problems, shown: Self.visible) }
    json.field("skipped") { json.array(totals.skippedBinary) { json.string(Self.visible($0)) } }
    json.field("tool") { json.string(toolVersion.map { "termlint \($0)" } ?? "termlint") }
    return "]," + Self.scriptSafe(json.output) + "}</script>\n" + HTMLPage.tail
  }

  // MARK: - One finding

  private func render(_ diagnostic: Diagnostic, excerpt: SourceExcerpt?, into json: JSONWriter) {
    let path = Self.visible(diagnostic.path)
    json.object {
      json.field("rule") { json.string(diagnostic.rule) }
      json.field("severity") { json.string(diagnostic.severity.rawValue) }
      json.field("message") { json.string(Self.visible(diagnostic.message)) }
      json.field("line") { json.number(diagnostic.start.line) }
      json.field("column") { json.number(diagnostic.start.column) }
      json.field("end_line") { json.number(diagnostic.end.line) }
      json.field("end_column") { json.number(diagnostic.end.column) }
      json.field("offset") { json.number(diagnostic.range.start) }
      json.field("length") { json.number(diagnostic.range.length) }
      json.field("matched") { json.string(Self.visible(diagnostic.matched)) }
      json.field("excerpt") {
        if let excerpt {
          let parts = Self.excerpt(diagnostic.range, in: excerpt)
          json.array([parts.before, parts.span, parts.after]) { json.string($0) }
        } else {
          json.null()
        }
      }
      json.field("fix") {
        if let fix = diagnostic.fix {
          json.object {
            json.field("applicability") { json.string(fix.applicability.rawValue) }
            json.field("replacement") {
              json.string(diagnostic.replacement.map { Self.visible(quoted($0)) })
            }
            json.field("edits") {
              json.array(fix.edits) { edit in
                json.string(
                  "bytes \(edit.range.start)..<\(edit.range.end) → "
                    + Self.visible(quoted(edit.replacement)))
              }
            }
          }
        } else {
          json.null()
        }
      }
      json.field("unit") { json.string(diagnostic.unit.map { Self.visible($0) }) }
      json.field("notes") {
        json.array(diagnostic.notes) { note in
          json.object {
            json.field("message") { json.string(Self.visible(note.message)) }
            json.field("rule") { json.string(note.rule) }
            json.field("path") {
              json.string(note.range == nil ? nil : note.path.map { Self.visible($0) } ?? path)
            }
            json.field("line") { json.number(note.start?.line) }
            json.field("column") { json.number(note.start?.column) }
            json.field("offset") { json.number(note.range?.start) }
          }
        }
      }
      json.field("term") {
        if let term = diagnostic.term {
          json.object {
            json.field("id") { json.string(term.id) }
            json.field("name") { json.string(term.source ?? term.preferred ?? term.id) }
            json.field("preferred") { json.string(term.preferred) }
            json.field("glossary") { json.string(term.glossary) }
            json.field("reference") { json.string(Self.webLink(term.reference)) }
          }
        } else {
          json.null()
        }
      }
      let concept = Self.concept(of: diagnostic)
      json.field("concept") {
        if let concept {
          json.object {
            json.field("key") { json.string(concept.key) }
            json.field("name") { json.string(Self.visible(concept.name)) }
            json.field("keep") { json.string(concept.keep.map { Self.visible($0) }) }
            json.field("verdict") { json.string(concept.verdict.map { Self.visible($0) }) }
          }
        } else {
          json.null()
        }
      }
      json.field("renderings") {
        json.array(concept == nil ? [] : Self.renderings(of: diagnostic)) { rendering in
          json.object {
            json.field("label") { json.string(Self.visible(rendering.label)) }
            json.field("path") { json.string(Self.visible(rendering.path)) }
            json.field("line") { json.number(rendering.line) }
            json.field("column") { json.number(rendering.column) }
            json.field("offset") { json.number(rendering.offset) }
          }
        }
      }
    }
  }

  // MARK: - The term-consistency table's data

  /// The concept a finding is about, for the term-consistency table: its glossary term
  /// (key `term:ID`), else, for a name no glossary knows that `inconsistent` reported, the
  /// group of that name (key `name:` and the rendering kept). `keep` is the form to keep,
  /// as quoted in messages; `verdict` what `inconsistent` said, if it spoke.
  struct Concept: Equatable {
    var key: String
    var name: String
    var keep: String?
    var verdict: String?
  }

  /// Rules whose span is not a rendering of the concept (the source text of a bilingual
  /// unit whose translation lacks the term).
  static let notRenderings: Set<String> = ["missing-term"]

  static func concept(of diagnostic: Diagnostic) -> Concept? {
    let verdict =
      diagnostic.rule == InconsistentRule.description.id
      ? diagnostic.message
      : diagnostic.notes.first { $0.rule == InconsistentRule.description.id }?.message
    let kept = verdict.flatMap(keptLabel)
    if let term = diagnostic.term {
      guard !notRenderings.contains(diagnostic.rule) else { return nil }
      return Concept(
        key: "term:" + term.id, name: term.source ?? term.preferred ?? term.id,
        keep: term.preferred.map(quoted) ?? kept, verdict: verdict)
    }
    guard verdict != nil else { return nil }
    let label = kept ?? quoted(diagnostic.matched)
    return Concept(key: "name:" + label, name: label, keep: kept, verdict: verdict)
  }

  /// The rendering `inconsistent` keeps, from its message or note: "…; keep “X”, the
  /// preferred form".
  static func keptLabel(_ verdict: String) -> String? {
    var body = Substring(verdict)
    let noAuthority = " (no authoritative English rendering exists)"
    if body.hasSuffix(noAuthority) { body = body.dropLast(noAuthority.count) }
    let reasons = [
      RenderingGroup.Reason.preferred, .mostUsed, .firstUsed, .headingOrQuoted, .capitalised,
    ].map {
      ", " + InconsistentRule.reason($0)
    }
    guard let reason = reasons.first(where: { body.hasSuffix($0) }) else { return nil }
    body = body.dropLast(reason.count)
    // The kept rendering is quoted; a rendering listed before it may hold "; keep " too.
    let markers = body.ranges(of: "; keep ")
    let opening: Set<Character> = ["“", "\"", "‘", "'", "「", "『", "«"]
    for marker in markers.reversed()
    where body[marker.upperBound...].first.map(opening.contains) == true {
      return String(body[marker.upperBound...])
    }
    return markers.last.map { String(body[$0.upperBound...]) }
  }

  /// One place a rendering is written: its label as messages quote it (“…”, line breaks as
  /// spaces), so a span and an "also written" note of the same text agree.
  struct Rendering: Equatable {
    var label: String
    var path: String
    var line: Int
    var column: Int
    var offset: Int
  }

  static let alsoWritten = "also written "

  /// The finding's own span, then each related place ("also written “X”") in its notes.
  static func renderings(of diagnostic: Diagnostic) -> [Rendering] {
    var result = [
      Rendering(
        label: quoted(diagnostic.matched), path: diagnostic.path, line: diagnostic.start.line,
        column: diagnostic.start.column, offset: diagnostic.range.start)
    ]
    for note in diagnostic.notes where note.rule == nil {
      guard let range = note.range, let start = note.start,
        note.message.hasPrefix(alsoWritten)
      else { continue }
      result.append(
        Rendering(
          label: String(note.message.dropFirst(alsoWritten.count)),
          path: note.path ?? diagnostic.path, line: start.line, column: start.column,
          offset: range.start))
    }
    return result
  }

  // MARK: - Text

  /// Characters shown before and after the span in an excerpt.
  static let context = 120

  /// The excerpt line cut at the span: before, span (its part on this line), after; tabs as
  /// spaces, a window of `context` characters each side, "…" where the line goes on.
  static func excerpt(_ range: TextRange, in excerpt: SourceExcerpt) -> (
    before: String, span: String, after: String
  ) {
    let bytes = Array(excerpt.text.utf8)
    let low = min(max(range.start - excerpt.start, 0), bytes.count)
    let high = min(max(range.end - excerpt.start, low), bytes.count)
    func text(_ slice: ArraySlice<UInt8>) -> [Character] {
      Array(String(decoding: slice, as: UTF8.self).map { $0 == "\t" ? " " : $0 })
    }
    var before = text(bytes[..<low])
    var after = text(bytes[high...])
    var clippedBefore = excerpt.clippedBefore
    var clippedAfter = excerpt.clippedAfter
    if before.count > context {
      before = Array(before.suffix(context))
      clippedBefore = true
    }
    if after.count > context {
      after = Array(after.prefix(context))
      clippedAfter = true
    }
    return (
      visible((clippedBefore ? "…" : "") + String(before)),
      visible(text(bytes[low..<high]).map(String.init).joined()),
      visible(String(after) + (clippedAfter ? "…" : ""))
    )
  }

  /// Text from a file as the page shows it: control and bidirectional characters as
  /// `\u{…}`.
  static func visible(_ text: String) -> String { TerminalText.safe(text) }

  /// A glossary reference as a link only when it is an http(s) address.
  static func webLink(_ reference: String?) -> String? {
    guard let reference, reference.hasPrefix("https://") || reference.hasPrefix("http://"),
      !reference.unicodeScalars.contains(where: { TerminalText.isUnsafe($0) || $0 == " " })
    else { return nil }
    return reference
  }

  /// JSON that can sit inside a `<script>` element: `<`, `>` and `&` (which JSON has only
  /// in strings) written as `\u` escapes.
  static func scriptSafe(_ json: String) -> String {
    guard json.utf8.contains(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 }) else {
      return json
    }
    var out = ""
    out.reserveCapacity(json.utf8.count + 16)
    for scalar in json.unicodeScalars {
      switch scalar {
      case "<": out += "\\u003c"
      case ">": out += "\\u003e"
      case "&": out += "\\u0026"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
