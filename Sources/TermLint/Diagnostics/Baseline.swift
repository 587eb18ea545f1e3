import Foundation
import GlossaryModel

/// Findings recorded to be tolerated, so a project can adopt termlint without fixing
/// everything first. Entries are keyed by path, rule and matched text (spacing collapsed),
/// with a count, never by line: editing elsewhere in a file keeps them valid, and a new
/// occurrence of the same text beyond the count is still reported.
public struct Baseline: Equatable, Sendable {
  public struct Key: Hashable, Sendable, Comparable {
    public var path: String
    public var rule: String
    public var matched: String

    public static func < (a: Key, b: Key) -> Bool {
      (a.path, a.rule, a.matched) < (b.path, b.rule, b.matched)
    }
  }

  public private(set) var counts: [Key: Int] = [:]

  public init(_ diagnostics: [Diagnostic]) {
    for diagnostic in diagnostics { counts[Self.key(diagnostic), default: 0] += 1 }
  }

  static func key(_ diagnostic: Diagnostic) -> Key {
    let matched = diagnostic.matched.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    return Key(path: diagnostic.path, rule: diagnostic.rule, matched: matched)
  }

  /// The diagnostics not covered by the baseline, and how many entries covered nothing.
  public func filter(_ diagnostics: [Diagnostic]) -> (kept: [Diagnostic], unusedEntries: Int) {
    let (kept, remaining) = consume(diagnostics)
    return (kept, remaining.total)
  }

  /// The diagnostics not covered, and the baseline left for later findings (the sections
  /// of a file linted in sections share their file's entries).
  public func consume(_ diagnostics: [Diagnostic]) -> (kept: [Diagnostic], remaining: Baseline) {
    var remaining = self
    var kept: [Diagnostic] = []
    for diagnostic in diagnostics {
      let key = Self.key(diagnostic)
      if let count = remaining.counts[key], count > 0 {
        remaining.counts[key] = count > 1 ? count - 1 : nil
      } else {
        kept.append(diagnostic)
      }
    }
    return (kept, remaining)
  }

  /// How many findings the baseline records.
  public var total: Int { counts.values.reduce(0, +) }

  /// The entries of each path, so a streamed run filters one file at a time; the entries of
  /// a file that was not linted stay unused.
  public func byPath() -> [String: Baseline] {
    var parts: [String: Baseline] = [:]
    for (key, count) in counts { parts[key.path, default: Baseline([])].counts[key] = count }
    return parts
  }

  /// The entries not yet used, by path, shared by the workers of a streamed run: each file
  /// (each section of a file linted in sections) takes what it uses.
  public final class Ledger: @unchecked Sendable {
    private let lock = NSLock()
    private var parts: [String: Baseline]

    public init(_ baseline: Baseline) { parts = baseline.byPath() }

    /// The diagnostics of one file at `path` that no entry covers.
    public func filter(_ diagnostics: [Diagnostic], path: String) -> [Diagnostic] {
      lock.withLock {
        guard let part = parts[path] else { return diagnostics }
        let (kept, remaining) = part.consume(diagnostics)
        parts[path] = remaining
        return kept
      }
    }

    /// How many recorded findings no file used.
    public var unused: Int { lock.withLock { parts.values.reduce(0) { $0 + $1.total } } }
  }

  /// The baseline file: `{"version": 1, "entries": [{"path", "rule", "matched", "count"}]}`,
  /// sorted, so it diffs well under version control.
  public func render() -> String {
    let json = JSONWriter()
    json.object {
      json.field("version") { json.number(1) }
      json.field("entries") {
        json.array(counts.keys.sorted()) { key in
          json.object {
            json.field("path") { json.string(key.path) }
            json.field("rule") { json.string(key.rule) }
            json.field("matched") { json.string(key.matched) }
            json.field("count") { json.number(counts[key]) }
          }
        }
      }
    }
    return json.output + "\n"
  }

  public static func load(path: String) throws(TermLintError) -> Baseline {
    let bytes: [UInt8]
    do {
      bytes = try FileReader.contents(of: path)
    } catch {
      throw TermLintError(.configuration, "cannot read baseline: \(error.message)", path: path)
    }
    func invalid(_ why: String) -> TermLintError {
      TermLintError(.configuration, "not a termlint baseline: \(why)", path: path)
    }
    guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
      throw invalid("not a JSON object")
    }
    guard object["version"] as? Int == 1 else { throw invalid("'version' must be 1") }
    guard let entries = object["entries"] as? [[String: Any]] else {
      throw invalid("'entries' must be a list of objects")
    }
    var baseline = Baseline([])
    for (index, entry) in entries.enumerated() {
      guard let file = entry["path"] as? String, let rule = entry["rule"] as? String,
        let matched = entry["matched"] as? String, let count = entry["count"] as? Int, count > 0
      else {
        throw invalid("entry \(index + 1) needs path, rule, matched and a positive count")
      }
      baseline.counts[Key(path: file, rule: rule, matched: matched), default: 0] += count
    }
    return baseline
  }
}
