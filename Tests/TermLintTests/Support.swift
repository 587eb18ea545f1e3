import Foundation
import Testing

@testable import TermLint

/// Text with spans marked ⟦like this⟧: the markers are removed and the spans' UTF-8 byte
/// ranges in the clean text are returned, so tests state positions by marking them.
struct MarkedText {
  var text: String
  var spans: [TextRange]

  init(_ marked: String) {
    var clean: [UInt8] = []
    var spans: [TextRange] = []
    var open: Int?
    for scalar in marked.unicodeScalars {
      switch scalar {
      case "⟦": open = clean.count
      case "⟧":
        if let start = open { spans.append(TextRange(start: start, end: clean.count)) }
        open = nil
      default: clean += Array(String(scalar).utf8)
      }
    }
    text = String(decoding: clean, as: UTF8.self)
    self.spans = spans
  }
}

enum Fixtures {
  static let directory: URL = {
    let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    return here.appendingPathComponent("Fixtures")
  }()

  static var packageRoot: URL {
    directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  }

  static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

  static let doubleEight = """
    terms:
      - id: double-eight-strategy
        source: 八八战略
        preferred: Double-Eight Strategy
        accepted: [Double Eight Strategy]
        variants: [Eight-Eight Strategy, 88th Strategy, Eighth Eighth Strategy]
      - id: belt-and-road-initiative
        source: 一带一路
        preferred: Belt and Road Initiative
        variants: [One Belt One Road, "One Belt, One Road"]
    """
}

/// The rules that read the text itself (`repeated-word`, `unpaired`, `untranslated`): tests
/// about glossary matches whose texts hold Chinese or doubled words on purpose turn them off.
let textRuleIDs = Set(RuleRegistry.textRules.map { type(of: $0).description.id })

/// A linter over the given glossary YAML (and optionally the bundled dictionaries), with
/// the default rules except those in `off`.
func makeLinter(
  _ yaml: String = Fixtures.doubleEight, builtin: Bool = false, off: Set<String> = []
) throws -> Linter {
  var glossaries = builtin ? try GlossarySet.bundled() : []
  if !yaml.isEmpty { glossaries.append(try GlossaryLoader.load(yaml: yaml, path: "test.yml")) }
  return Linter(
    glossary: CompiledGlossary(glossaries: glossaries),
    severities: Configuration(root: ".").severities.filter { !off.contains($0.key) })
}

func lint(_ text: String, with linter: Linter) throws -> [Diagnostic] {
  try linter.lint(try SourceFile(path: "t.txt", bytes: Array(text.utf8)))
}

/// Lints `text` as a file of `format` (named by its first extension).
func lint(_ text: String, as format: FileFormat, with linter: Linter) throws -> [Diagnostic] {
  let name = "t." + (format.extensions.first ?? "txt")
  return try linter.lint(try SourceFile(path: name, bytes: Array(text.utf8)))
}

/// A temporary folder removed when the test ends.
final class TemporaryDirectory {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "termlint-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  var path: String { url.path }

  @discardableResult
  func write(_ name: String, _ text: String) throws -> String {
    try write(name, bytes: Array(text.utf8))
  }

  @discardableResult
  func write(_ name: String, bytes: [UInt8]) throws -> String {
    let file = url.appendingPathComponent(name)
    try FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: file)
    return file.path
  }
}

/// The number read from the start of `text` once folded: (value, read digit by digit,
/// folded end); nil when the text does not start with a number.
func readNumber(_ text: String) -> (String, Bool, Int)? {
  var folder = Folder()
  let folded = folder.fold(text)
  var reader = NumberReader()
  return folded.withUnsafeBufferPointer { buffer -> (String, Bool, Int)? in
    guard let token = reader.next(in: buffer, from: 0), token.kind == .number else {
      return nil
    }
    return ("\(token.value)", token.ambiguous, token.end)
  }
}
