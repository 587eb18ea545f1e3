import ArgumentParser
import Foundation
import TermLint

extension FileFormat: ExpressibleByArgument {}

/// `termlint extract`: what termlint would check in each file, segment by segment.
struct Extract: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "extract",
    abstract: "Print the text termlint checks in each file: its segments and where they are.",
    discussion: """
      Each segment (a paragraph, heading or table cell, a PO translation, a subtitle cue) \
      is printed with its original line:column range, unit id, language, fuzzy flag and \
      source text. A plain text file is one segment. Exit status: 0, or 2 when a file \
      cannot be read (I/O, not UTF-8, or a format error, reported as path:line:column).
      """)

  @Argument(help: "The files to read.")
  var paths: [String]

  @Option(
    name: .customLong("as"),
    help: ArgumentHelp(
      "Read every file as this format (default: by its extension).", valueName: "format"))
  var format: FileFormat?

  @Flag(help: "Print JSON instead of text.")
  var json = false

  func run() throws {
    var failed = false
    var files: [[String: Any]] = []
    var text = ""
    for path in paths {
      let file: SourceFile
      switch Runner.load(.file(path)) {
      case .text(let loaded): file = loaded
      case .binary(let path):
        printError("termlint: error: \(path): binary file")
        failed = true
        continue
      case .problem(let problem):
        printError("termlint: error: \(problem)")
        failed = true
        continue
      }
      let fileFormat = format ?? FileFormat.detect(path: path)
      let extracted: ExtractedText
      do {
        extracted = try Self.extract(file, as: fileFormat)
      } catch {
        let position = file.lineIndex.position(of: error.offset, in: file.bytes)
        printError("\(path):\(position.line):\(position.column): error: \(error.message)")
        failed = true
        continue
      }
      if json {
        files.append(Self.json(extracted, file: file, format: fileFormat))
      } else {
        text += Self.text(extracted, file: file, format: fileFormat)
      }
    }
    if json {
      let data = try JSONSerialization.data(
        withJSONObject: ["files": files], options: [.sortedKeys, .withoutEscapingSlashes])
      printOutput(String(decoding: data, as: UTF8.self) + "\n")
    } else {
      printOutput(text)
    }
    if failed { throw ExitCode(Status.error) }
  }

  /// The reader's extraction, or the whole file as one segment for plain text and formats
  /// without a reader.
  static func extract(_ file: SourceFile, as format: FileFormat) throws(FormatError)
    -> ExtractedText
  {
    if let reader = ReaderRegistry.reader(for: format) { return try reader.extract(file) }
    var builder = ExtractionBuilder(capacity: file.bytes.count)
    builder.copy(file.bytes, file.textStart..<file.bytes.count)
    builder.closeSegment()
    return builder.finish(escaping: .none)
  }

  private static func segmentText(_ extracted: ExtractedText, _ segment: Segment) -> String {
    String(decoding: extracted.bytes[segment.range], as: UTF8.self)
  }

  private static func place(_ range: TextRange, in file: SourceFile) -> [String: Any] {
    let start = file.lineIndex.position(of: range.start, in: file.bytes)
    let end = file.lineIndex.position(of: range.end, in: file.bytes)
    return [
      "start": ["line": start.line, "column": start.column, "offset": range.start],
      "end": ["line": end.line, "column": end.column, "offset": range.end],
    ]
  }

  private static func label(_ range: TextRange, in file: SourceFile) -> String {
    let start = file.lineIndex.position(of: range.start, in: file.bytes)
    let end = file.lineIndex.position(of: range.end, in: file.bytes)
    return "\(start.line):\(start.column)-\(end.line):\(end.column)"
  }

  static func json(_ extracted: ExtractedText, file: SourceFile, format: FileFormat) -> [String:
    Any]
  {
    let segments: [[String: Any]] = extracted.segments.map { segment in
      var object: [String: Any] = [
        "text": segmentText(extracted, segment),
        "range": place(segment.originalRange, in: file),
        "unit": segment.unit.map { $0 as Any } ?? NSNull(),
        "language": segment.language.map { $0 as Any } ?? NSNull(),
        "fuzzy": segment.fuzzy,
        "source": NSNull(),
      ]
      if let source = segment.source {
        let sourceObject: [String: Any] = [
          "text": source.text, "range": place(source.range, in: file),
          "language": source.language.map { $0 as Any } ?? NSNull(),
        ]
        object["source"] = sourceObject
      }
      return object
    }
    return [
      "path": file.path, "format": format.rawValue, "escaping": extracted.escaping.rawValue,
      "segments": segments,
    ]
  }

  static func text(_ extracted: ExtractedText, file: SourceFile, format: FileFormat) -> String {
    let count = extracted.segments.count
    var out = "\(file.path) (\(format.rawValue), \(count) segment\(count == 1 ? "" : "s"))\n"
    for segment in extracted.segments {
      var head = "  \(label(segment.originalRange, in: file))"
      if let unit = segment.unit { head += "  unit \(quoted(unit))" }
      if let language = segment.language { head += "  language \(language)" }
      if segment.fuzzy { head += "  fuzzy" }
      out += head + "\n"
      if let source = segment.source {
        out += "    source \(label(source.range, in: file)): \(quoted(source.text))\n"
      }
      let body = segmentText(extracted, segment)
      if body.isEmpty {
        out += "    (empty)\n"
        continue
      }
      for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
        out += "    | \(line)\n"
      }
    }
    return out
  }

  private static func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\u{4}": out += "\\u{4}"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
