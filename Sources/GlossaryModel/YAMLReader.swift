import Yams

/// Reads a YAML document strictly: every node carries its line and column, unknown keys
/// are errors that name the key and suggest the nearest known one.
package struct YAMLReader {
  package let path: String
  package let kind: TermLintError.Kind

  package init(path: String, kind: TermLintError.Kind) {
    self.path = path
    self.kind = kind
  }

  /// Parses `text`; a YAML syntax error becomes a `TermLintError` at its line and column.
  package func parse(_ text: String) throws(TermLintError) -> Node? {
    do {
      // The basic resolver types every scalar as a string: the reader interprets null and
      // booleans itself, and Yams' default resolver runs regular expressions on every
      // scalar (most of the load time of a large glossary).
      return try Yams.compose(yaml: text, .basic)
    } catch let error as YamlError {
      throw convert(error)
    } catch {
      throw TermLintError(kind, "cannot read YAML: \(error)", path: path)
    }
  }

  private func convert(_ error: YamlError) -> TermLintError {
    func located(_ problem: String, _ context: YamlError.Context?, _ mark: Mark) -> TermLintError {
      var message = "invalid YAML: \(problem)"
      if let context, !context.text.isEmpty { message += " (\(context.text))" }
      return TermLintError(kind, message, at: location(mark))
    }
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      return located(problem, context, mark)
    case .reader(let problem, let offset, _, _):
      let at = offset.map { " at byte \($0)" } ?? ""
      return TermLintError(kind, "invalid YAML: \(problem)\(at)", path: path)
    case .duplicatedKeysInMapping(let duplicates, let context):
      let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
      return TermLintError(kind, "duplicate key \(keys) in a mapping", at: location(context.mark))
    default:
      return TermLintError(kind, "invalid YAML: \(error)", path: path)
    }
  }

  package func location(_ mark: Mark?) -> SourceLocation? {
    guard let mark else { return nil }
    return SourceLocation(path: path, line: mark.line, column: mark.column)
  }

  package func location(of node: Node) -> SourceLocation? { location(node.mark) }

  package func error(_ message: String, at node: Node) -> TermLintError {
    TermLintError(kind, message, at: location(of: node), path: path)
  }

  /// The pairs of a mapping, in order; every key must be one of `allowed`.
  package func mapping(_ node: Node, allowed: [String], what: String) throws(TermLintError) -> [(
    key: String, keyNode: Node, value: Node
  )] {
    guard case .mapping(let mapping) = node else {
      throw error("\(what) must be a mapping (key: value), found \(describe(node))", at: node)
    }
    var result: [(key: String, keyNode: Node, value: Node)] = []
    for (keyNode, value) in mapping {
      guard case .scalar(let scalar) = keyNode else {
        throw error("a key in \(what) must be a plain string", at: keyNode)
      }
      let key = scalar.string
      guard allowed.contains(key) else {
        var message = "unknown key '\(key)' in \(what)"
        if let near = nearest(key, in: allowed) { message += "; did you mean '\(near)'?" }
        message += " (known keys: \(allowed.joined(separator: ", ")))"
        throw error(message, at: keyNode)
      }
      result.append((key, keyNode, value))
    }
    return result
  }

  /// A mapping whose keys are free (globs, names), each a plain string.
  package func anyMapping(_ node: Node, what: String) throws(TermLintError) -> [(
    key: String, keyNode: Node, value: Node
  )] {
    guard case .mapping(let mapping) = node else {
      throw error("\(what) must be a mapping (key: value), found \(describe(node))", at: node)
    }
    var result: [(key: String, keyNode: Node, value: Node)] = []
    for (keyNode, value) in mapping {
      guard case .scalar(let scalar) = keyNode else {
        throw error("a key in \(what) must be a plain string", at: keyNode)
      }
      result.append((scalar.string, keyNode, value))
    }
    return result
  }

  package func isNull(_ node: Node) -> Bool {
    guard case .scalar(let scalar) = node else { return false }
    return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
  }

  /// A string scalar; numbers and booleans are taken as written.
  package func string(_ node: Node, what: String) throws(TermLintError) -> String {
    guard case .scalar(let scalar) = node, !isNull(node) else {
      throw error("\(what) must be a string, found \(describe(node))", at: node)
    }
    return scalar.string
  }

  package func nonEmptyString(_ node: Node, what: String) throws(TermLintError) -> String {
    let value = try string(node, what: what)
    if value.allSatisfy(\.isWhitespace) {
      throw error("\(what) must not be empty", at: node)
    }
    return value
  }

  package func optionalString(_ node: Node, what: String) throws(TermLintError) -> String? {
    isNull(node) ? nil : try string(node, what: what)
  }

  package func bool(_ node: Node, what: String) throws(TermLintError) -> Bool {
    guard case .scalar(let scalar) = node, scalar.style == .plain else {
      throw error("\(what) must be true or false, found \(describe(node))", at: node)
    }
    switch scalar.string {
    case "true", "True", "TRUE": return true
    case "false", "False", "FALSE": return false
    default: throw error("\(what) must be true or false, found '\(scalar.string)'", at: node)
    }
  }

  package func int(_ node: Node, what: String) throws(TermLintError) -> Int {
    guard case .scalar(let scalar) = node, scalar.style == .plain, let value = Int(scalar.string)
    else {
      throw error("\(what) must be a whole number, found \(describe(node))", at: node)
    }
    return value
  }

  /// The items of a sequence; a single scalar is taken as a one-item list when `lenient`.
  package func sequence(_ node: Node, what: String) throws(TermLintError) -> [Node] {
    if isNull(node) { return [] }
    guard case .sequence(let sequence) = node else {
      throw error("\(what) must be a list, found \(describe(node))", at: node)
    }
    return Array(sequence)
  }

  package func stringList(_ node: Node, what: String) throws(TermLintError) -> [String] {
    var result: [String] = []
    for item in try sequence(node, what: what) {
      result.append(try nonEmptyString(item, what: "an item of \(what)"))
    }
    return result
  }

  package func describe(_ node: Node) -> String {
    switch node {
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    case .alias: return "an alias"
    case .scalar(let scalar):
      if isNull(node) { return "nothing (null)" }
      let text = scalar.string.count > 40 ? String(scalar.string.prefix(40)) + "…" : scalar.string
      return "'\(text)'"
    }
  }

  /// The known key closest to `key` by edit distance, when it is close enough to be a typo.
  package func nearest(_ key: String, in candidates: [String]) -> String? {
    let scored = candidates.map { ($0, editDistance(key.lowercased(), $0)) }
    guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
    return best.1 <= max(2, key.count / 3) ? best.0 : nil
  }
}

/// Levenshtein distance over characters.
package func editDistance(_ a: String, _ b: String) -> Int {
  let a = Array(a)
  let b = Array(b)
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  var previous = Array(0...b.count)
  var current = Array(repeating: 0, count: b.count + 1)
  for i in 1...a.count {
    current[0] = i
    for j in 1...b.count {
      let cost = a[i - 1] == b[j - 1] ? 0 : 1
      current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
    }
    swap(&previous, &current)
  }
  return previous[b.count]
}
