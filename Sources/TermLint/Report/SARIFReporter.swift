/// SARIF 2.1.0 (one run), the format GitHub code scanning and other analysis viewers read.
///
/// Columns are termlint's: 1-based Unicode scalars, with `endColumn` just after the span,
/// so the run says `"columnKind": "unicodeCodePoints"`. Regions also carry the UTF-8
/// `byteOffset` and `byteLength` of the original file (a byte-order mark included), and
/// fixes delete and insert by byte region. Relative paths are URI references against
/// `%SRCROOT%`, the folder termlint ran in.
public struct SARIFReporter: Reporter, Sendable {
  static let schemaURI =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

  public var toolVersion: String
  /// `tool.driver.informationUri`: the project's home page, when it has one (optional in
  /// SARIF, so it is left out rather than made up).
  public var informationURI: String?

  public init(toolVersion: String, informationURI: String? = nil) {
    self.toolVersion = toolVersion
    self.informationURI = informationURI
  }

  public var separator: String { "," }

  /// The log up to the results array of its one run; the tool's rules first.
  public func head(_ totals: RunTotals?) -> String {
    let json = JSONWriter()
    json.field("$schema") { json.string(Self.schemaURI) }
    json.field("version") { json.string("2.1.0") }
    let run = JSONWriter()
    run.field("tool") { run.object { run.field("driver") { driver(RuleRegistry.all, into: run) } } }
    run.field("columnKind") { run.string("unicodeCodePoints") }
    return "{" + json.output + #","runs":[{"# + run.output + #","results":["#
  }

  public func piece(_ report: FileReport) -> String {
    let json = JSONWriter()
    let fingerprints = Fingerprint.of(report.diagnostics)
    for (diagnostic, fingerprint) in zip(report.diagnostics, fingerprints) {
      render(
        diagnostic, ruleIndex: Self.ruleIndex[diagnostic.rule], fingerprint: fingerprint,
        into: json)
    }
    return json.output
  }

  /// The end of the results, then the invocation: whether every file was checked.
  public func tail(_ totals: RunTotals, afterPieces: Bool) -> String {
    let json = JSONWriter()
    json.field("invocations") { json.array([totals]) { invocation($0, into: json) } }
    return "]," + json.output + "}]}\n"
  }

  /// Each rule's place in `tool.driver.rules`.
  static let ruleIndex = Dictionary(
    RuleRegistry.all.enumerated().map { ($0.element.id, $0.offset) },
    uniquingKeysWith: { first, _ in first })

  static func level(_ severity: Severity) -> String {
    switch severity {
    case .error: "error"
    case .warning: "warning"
    case .info: "note"
    }
  }

  private func driver(_ rules: [RuleDescription], into json: JSONWriter) {
    json.object {
      json.field("name") { json.string("termlint") }
      json.field("version") { json.string(toolVersion) }
      if let informationURI { json.field("informationUri") { json.string(informationURI) } }
      json.field("rules") {
        json.array(rules) { rule in
          json.object {
            json.field("id") { json.string(rule.id) }
            json.field("shortDescription") { message(rule.summary, into: json) }
            json.field("fullDescription") { message(rule.rationale, into: json) }
            json.field("help") { message(rule.rationale, into: json) }
            json.field("defaultConfiguration") {
              json.object {
                json.field("level") { json.string(Self.level(rule.defaultSeverity)) }
              }
            }
          }
        }
      }
    }
  }

  /// A file the run could not check (an error) or skipped (a note).
  private struct Notification {
    var level: String
    var message: String
    var path: String?
    var position: SourcePosition?
  }

  /// Whether the run checked every file, and the files it could not check or skipped.
  private func invocation(_ totals: RunTotals, into json: JSONWriter) {
    let notifications =
      totals.problems.map { problem in
        Notification(
          level: "error", message: problem.message, path: problem.path,
          position: problem.location.map { SourcePosition(line: $0.line, column: $0.column) })
      }
      + totals.skippedBinary.map { path in
        Notification(level: "note", message: "skipped: binary file", path: path)
      }
      + (totals.summary.omitted > 0
        ? [
          Notification(
            level: "note",
            message: "\(counted(totals.summary.omitted, "finding")) not shown (--max-findings)")
        ] : [])
    json.object {
      json.field("executionSuccessful") { json.bool(totals.problems.isEmpty) }
      json.field("toolExecutionNotifications") {
        json.array(notifications) { notification in
          json.object {
            json.field("level") { json.string(notification.level) }
            json.field("message") { message(notification.message, into: json) }
            if let path = notification.path {
              json.field("locations") {
                if let position = notification.position {
                  location(path, into: json) {
                    json.field("startLine") { json.number(position.line) }
                    json.field("startColumn") { json.number(position.column) }
                  }
                } else {
                  location(path, into: json, region: nil)
                }
              }
            }
          }
        }
      }
    }
  }

  private func render(
    _ diagnostic: Diagnostic, ruleIndex: Int?, fingerprint: String, into json: JSONWriter
  ) {
    json.object {
      json.field("ruleId") { json.string(diagnostic.rule) }
      if let ruleIndex { json.field("ruleIndex") { json.number(ruleIndex) } }
      json.field("level") { json.string(Self.level(diagnostic.severity)) }
      json.field("message") { message(diagnostic.message, into: json) }
      json.field("locations") {
        location(diagnostic.path, into: json) {
          json.field("startLine") { json.number(diagnostic.start.line) }
          json.field("startColumn") { json.number(diagnostic.start.column) }
          json.field("endLine") { json.number(diagnostic.end.line) }
          json.field("endColumn") { json.number(diagnostic.end.column) }
          json.field("byteOffset") { json.number(diagnostic.range.start) }
          json.field("byteLength") { json.number(diagnostic.range.length) }
          json.field("snippet") { message(diagnostic.matched, into: json) }
        }
      }
      if !diagnostic.notes.isEmpty {
        json.field("relatedLocations") {
          json.array(Array(diagnostic.notes.enumerated())) { index, note in
            json.object {
              json.field("id") { json.number(index + 1) }
              json.field("message") { message(Self.noteText(note), into: json) }
              if let range = note.range, let start = note.start {
                json.field("physicalLocation") {
                  json.object {
                    json.field("artifactLocation") {
                      artifactLocation(note.path ?? diagnostic.path, into: json)
                    }
                    json.field("region") {
                      json.object {
                        json.field("startLine") { json.number(start.line) }
                        json.field("startColumn") { json.number(start.column) }
                        json.field("byteOffset") { json.number(range.start) }
                        json.field("byteLength") { json.number(range.length) }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
      json.field("partialFingerprints") {
        json.object { json.field("termlint/v1") { json.string(fingerprint) } }
      }
      if let unit = diagnostic.unit {
        json.field("properties") { json.object { json.field("unit") { json.string(unit) } } }
      }
      if let fix = diagnostic.fix, !fix.edits.isEmpty {
        json.field("fixes") { json.array([fix]) { render($0, of: diagnostic, into: json) } }
      }
    }
  }

  private func render(_ fix: Fix, of diagnostic: Diagnostic, into json: JSONWriter) {
    json.object {
      if let replacement = diagnostic.replacement {
        json.field("description") { message("Replace with \(quoted(replacement))", into: json) }
      }
      json.field("artifactChanges") {
        json.array([diagnostic.path]) { path in
          json.object {
            json.field("artifactLocation") { artifactLocation(path, into: json) }
            json.field("replacements") {
              json.array(fix.edits) { edit in
                json.object {
                  json.field("deletedRegion") {
                    json.object {
                      json.field("byteOffset") { json.number(edit.range.start) }
                      json.field("byteLength") { json.number(edit.range.length) }
                    }
                  }
                  json.field("insertedContent") { message(edit.replacement, into: json) }
                }
              }
            }
          }
        }
      }
      json.field("properties") {
        json.object { json.field("applicability") { json.string(fix.applicability.rawValue) } }
      }
    }
  }

  /// A note's text: another rule's verdict names the rule.
  static func noteText(_ note: Note) -> String {
    note.rule.map { "\(note.message) [\($0)]" } ?? note.message
  }

  /// A `{"text": ...}` object: SARIF's message, multiformat string and artifact content.
  private func message(_ text: String, into json: JSONWriter) {
    json.object { json.field("text") { json.string(text) } }
  }

  /// A one-element `locations` array; `region` writes the region's fields, nil for none.
  private func location(_ path: String, into json: JSONWriter, region: (() -> Void)?) {
    json.array([path]) { path in
      json.object {
        json.field("physicalLocation") {
          json.object {
            json.field("artifactLocation") { artifactLocation(path, into: json) }
            if let region { json.field("region") { json.object(region) } }
          }
        }
      }
    }
  }

  private func artifactLocation(_ path: String, into json: JSONWriter) {
    json.object {
      json.field("uri") { json.string(CIPath.uri(path)) }
      if !CIPath.isAbsolute(path) { json.field("uriBaseId") { json.string("%SRCROOT%") } }
    }
  }
}
