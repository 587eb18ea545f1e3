// Report stage, read back: a JSON report (version 1, JSONReporter) parsed into diagnostics,
// errors, skipped files and, for a shard, its statistics; for `termlint merge`.

import Foundation
import GlossaryModel

/// A JSON report read back.
public struct JSONReport: Sendable {
  public var diagnostics: [Diagnostic] = []
  public var problems: [TermLintError] = []
  public var skippedBinary: [String] = []
  /// `summary.files`: how many files the run checked.
  public var filesChecked = 0
  public var statistics: ShardStatistics?

  public init() {}

  /// Reads the report at `path`; a report that is not valid JSON, not version 1 or not of
  /// this shape throws an error naming the file and what is wrong.
  public static func read(path: String) throws(TermLintError) -> JSONReport {
    let bytes: [UInt8]
    do {
      bytes = try FileReader.contents(of: path)
    } catch {
      throw TermLintError(.io, "cannot read: \(error.message)", path: path)
    }
    return try parse(bytes, name: path)
  }

  /// Parses a report's bytes; `name` goes into error messages.
  public static func parse(_ bytes: [UInt8], name: String) throws(TermLintError) -> JSONReport {
    let value: Any
    do {
      value = try JSONSerialization.jsonObject(with: Data(bytes), options: [])
    } catch {
      throw TermLintError(
        .io, "not a termlint JSON report: not valid JSON (truncated?)", path: name)
    }
    return try JSONReportParser(name: name).report(value)
  }
}

/// Typed access to the parsed JSON, each error naming the field.
private struct JSONReportParser {
  let name: String

  func fail(_ message: String) -> TermLintError {
    TermLintError(.io, "not a termlint JSON report: \(message)", path: name)
  }

  func object(_ value: Any?, _ what: String) throws(TermLintError) -> [String: Any] {
    guard let object = value as? [String: Any] else { throw fail("\(what) is not an object") }
    return object
  }

  func array(_ value: Any?, _ what: String) throws(TermLintError) -> [Any] {
    guard let array = value as? [Any] else { throw fail("\(what) is not an array") }
    return array
  }

  func string(_ value: Any?, _ what: String) throws(TermLintError) -> String {
    guard let string = value as? String else { throw fail("\(what) is not a string") }
    return string
  }

  func optionalString(_ value: Any?, _ what: String) throws(TermLintError) -> String? {
    if value == nil || value is NSNull { return nil }
    return try string(value, what)
  }

  /// A whole number at least `minimum` (JSON booleans are not numbers here).
  func int(_ value: Any?, _ what: String, minimum: Int = 0) throws(TermLintError) -> Int {
    guard let number = value as? NSNumber, String(cString: number.objCType) != "c",
      let int = Int(exactly: number.doubleValue), int >= minimum, int < Int(Int32.max)
    else { throw fail("\(what) is not a whole number of at least \(minimum)") }
    return int
  }

  func optionalInt(_ value: Any?, _ what: String, minimum: Int = 0) throws(TermLintError) -> Int? {
    if value == nil || value is NSNull { return nil }
    return try int(value, what, minimum: minimum)
  }

  func report(_ value: Any) throws(TermLintError) -> JSONReport {
    let top = try object(value, "the report")
    guard let version = top["version"] else { throw fail("no version") }
    guard (try? int(version, "version")) == 1 else {
      throw fail("version \(version) (this termlint reads version 1)")
    }
    var report = JSONReport()
    for (index, item) in try array(top["diagnostics"], "diagnostics").enumerated() {
      report.diagnostics.append(try diagnostic(item, "diagnostics[\(index)]"))
    }
    let summary = try object(top["summary"], "summary")
    report.filesChecked = try int(summary["files"], "summary.files")
    for (index, item) in try array(top["errors"] ?? [Any](), "errors").enumerated() {
      let what = "errors[\(index)]"
      let error = try object(item, what)
      let kindName = try string(error["kind"], "\(what).kind")
      guard let kind = TermLintError.Kind(rawValue: kindName) else {
        throw fail("\(what).kind: unknown kind \(kindName)")
      }
      let path = try optionalString(error["path"], "\(what).path")
      var location: SourceLocation?
      if let path, let line = try optionalInt(error["line"], "\(what).line", minimum: 1) {
        let column = try optionalInt(error["column"], "\(what).column", minimum: 1) ?? 1
        location = SourceLocation(path: path, line: line, column: column)
      }
      report.problems.append(
        TermLintError(
          kind, try string(error["message"], "\(what).message"), at: location, path: path))
    }
    for (index, item) in try array(top["skipped"] ?? [Any](), "skipped").enumerated() {
      report.skippedBinary.append(
        try string(try object(item, "skipped[\(index)]")["path"], "skipped[\(index)].path"))
    }
    if let statistics = top["statistics"] {
      report.statistics = try self.statistics(statistics)
    }
    return report
  }

  func position(_ line: Any?, _ column: Any?, _ what: String) throws(TermLintError)
    -> SourcePosition
  {
    SourcePosition(
      line: try int(line, "\(what).line", minimum: 1),
      column: try int(column, "\(what).column", minimum: 1))
  }

  func range(_ offset: Any?, _ length: Any?, _ what: String) throws(TermLintError) -> TextRange {
    let start = try int(offset, "\(what).offset")
    return TextRange(start: start, end: start + (try int(length, "\(what).length")))
  }

  func diagnostic(_ value: Any, _ what: String) throws(TermLintError) -> Diagnostic {
    let item = try object(value, what)
    let path = try string(item["path"], "\(what).path")
    let severityName = try string(item["severity"], "\(what).severity")
    guard let severity = Severity(rawValue: severityName) else {
      throw fail("\(what).severity: unknown severity \(severityName)")
    }
    let range = try range(item["offset"], item["length"], what)
    var fix: Fix?
    if let value = item["fix"], !(value is NSNull) {
      let object = try object(value, "\(what).fix")
      let name = try string(object["applicability"], "\(what).fix.applicability")
      guard let applicability = FixApplicability(rawValue: name) else {
        throw fail("\(what).fix.applicability: unknown \(name)")
      }
      var edits: [Edit] = []
      for (index, edit) in try array(object["edits"], "\(what).fix.edits").enumerated() {
        let at = "\(what).fix.edits[\(index)]"
        let object = try self.object(edit, at)
        edits.append(
          Edit(
            range: try self.range(object["offset"], object["length"], at),
            replacement: try string(object["replacement"], "\(at).replacement")))
      }
      fix = Fix(edits: edits, applicability: applicability)
    }
    var notes: [Note] = []
    for (index, note) in try array(item["notes"] ?? [Any](), "\(what).notes").enumerated() {
      let at = "\(what).notes[\(index)]"
      let object = try self.object(note, at)
      var notePath = try optionalString(object["path"], "\(at).path")
      // The report names the finding's own file; in a finding that is no path.
      if notePath == path { notePath = nil }
      let offset = try optionalInt(object["offset"], "\(at).offset")
      let length = try optionalInt(object["length"], "\(at).length")
      let line = try optionalInt(object["line"], "\(at).line", minimum: 1)
      let column = try optionalInt(object["column"], "\(at).column", minimum: 1)
      notes.append(
        Note(
          message: try string(object["message"], "\(at).message"),
          rule: try optionalString(object["rule"], "\(at).rule"), path: notePath,
          range: offset.map { TextRange(start: $0, end: $0 + (length ?? 0)) },
          start: line.map { SourcePosition(line: $0, column: column ?? 1) }))
    }
    var term: TermSummary?
    if let value = item["term"], !(value is NSNull) {
      let object = try object(value, "\(what).term")
      var accepted: [String] = []
      for (index, form) in try array(object["accepted"] ?? [Any](), "\(what).term.accepted")
        .enumerated()
      {
        accepted.append(try string(form, "\(what).term.accepted[\(index)]"))
      }
      term = TermSummary(
        id: try string(object["id"], "\(what).term.id"),
        source: try optionalString(object["source"], "\(what).term.source"),
        preferred: try optionalString(object["preferred"], "\(what).term.preferred"),
        accepted: accepted, note: try optionalString(object["note"], "\(what).term.note"),
        reference: try optionalString(object["reference"], "\(what).term.reference"),
        glossary: try string(object["glossary"], "\(what).term.glossary"))
    }
    return Diagnostic(
      path: path, rule: try string(item["rule"], "\(what).rule"), severity: severity,
      message: try string(item["message"], "\(what).message"), range: range,
      start: try position(item["line"], item["column"], what),
      end: try position(item["end_line"], item["end_column"], "\(what).end"),
      matched: try string(item["matched"], "\(what).matched"), fix: fix, term: term,
      notes: notes, unit: try optionalString(item["unit"], "\(what).unit"))
  }

  func statistics(_ value: Any) throws(TermLintError) -> ShardStatistics {
    let top = try object(value, "statistics")
    guard (try? int(top["version"], "statistics.version")) == 1 else {
      throw fail("statistics.version is not 1")
    }
    var shard: Shard?
    if let text = try optionalString(top["shard"], "statistics.shard") {
      guard let parsed = Shard(parsing: text) else { throw fail("statistics.shard: \(text)") }
      shard = parsed
    }
    let scopeName = try string(top["scope"], "statistics.scope")
    guard let scope = ConsistencyScope(rawValue: scopeName) else {
      throw fail("statistics.scope: unknown scope \(scopeName)")
    }
    var statistics = ShardStatistics(shard: shard, scope: scope)
    for (index, item) in try array(top["files"], "statistics.files").enumerated() {
      let what = "statistics.files[\(index)]"
      let file = try object(item, what)
      var severity: Severity?
      if let name = try optionalString(file["inconsistent"], "\(what).inconsistent") {
        guard let parsed = Severity(rawValue: name) else {
          throw fail("\(what).inconsistent: unknown severity \(name)")
        }
        severity = parsed
      }
      statistics.files.append(
        ShardStatistics.File(
          path: try string(file["path"], "\(what).path"), inconsistent: severity,
          digest: try optionalString(file["digest"], "\(what).digest")))
    }
    for (index, item) in try array(top["anchors"] ?? [Any](), "statistics.anchors").enumerated() {
      let what = "statistics.anchors[\(index)]"
      let pair = try array(item, what)
      guard pair.count == 2 else { throw fail("\(what) is not a pair") }
      statistics.anchors.append(
        (try string(pair[0], "\(what)[0]"), try string(pair[1], "\(what)[1]")))
    }
    for (index, item) in try array(top["concepts"] ?? [Any](), "statistics.concepts").enumerated() {
      let what = "statistics.concepts[\(index)]"
      let concept = try object(item, what)
      let term = try optionalString(concept["term"], "\(what).term")
      let preferred = try optionalString(concept["preferred"], "\(what).preferred")
      let phrase = try optionalString(concept["phrase"], "\(what).phrase")
      guard (term == nil) != (phrase == nil) else {
        throw fail("\(what): needs a term or a phrase")
      }
      for (at, item) in try array(concept["renderings"], "\(what).renderings").enumerated() {
        let here = "\(what).renderings[\(at)]"
        let rendering = try object(item, here)
        let key = try string(rendering["key"], "\(here).key")
        let text = try string(rendering["text"], "\(here).text")
        let places = try array(rendering["places"], "\(here).places")
        guard try int(rendering["count"], "\(here).count") == places.count else {
          throw fail("\(here).count is not the number of places")
        }
        for (number, item) in places.enumerated() {
          let place = "\(here).places[\(number)]"
          let fields = try array(item, place)
          guard fields.count == 9 || fields.count == 11 else {
            throw fail("\(place) has \(fields.count) fields, not 9 or 11")
          }
          let file = try int(fields[0], "\(place)[0]")
          guard file < statistics.files.count else { throw fail("\(place): no file \(file)") }
          let sourceName = try string(fields[7], "\(place)[7]")
          guard let source = RenderingOccurrence.Source(name: sourceName) else {
            throw fail("\(place): unknown source \(sourceName)")
          }
          let flags = try string(fields[8], "\(place)[8]")
          let shown = fields.count == 11 ? try string(fields[9], "\(place)[9]") : text
          let matched = fields.count == 11 ? try string(fields[10], "\(place)[10]") : shown
          statistics.places.append(
            ShardStatistics.Place(
              term: term, preferred: preferred, phrase: phrase, key: key, text: shown,
              file: file, range: try range(fields[1], fields[2], place),
              start: try position(fields[3], fields[4], place),
              end: try position(fields[5], fields[6], "\(place).end"), matched: matched,
              source: source, quoted: flags.contains("q"), atSentenceStart: flags.contains("s"),
              suppressed: flags.contains("x")))
        }
      }
    }
    return statistics
  }
}
