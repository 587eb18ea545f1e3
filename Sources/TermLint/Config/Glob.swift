/// A gitignore-style glob over '/'-separated relative paths.
///
/// `*` matches within one path segment, `?` one character, `[abc]`, `[a-z]` and `[!a]` a
/// character class, `**` any number of whole segments, `{md,txt}` alternatives. A pattern
/// with no `/` matches the file name at any depth; a trailing `/` matches directories
/// only. A leading `./` or `/` anchors to the configuration's folder (the default for
/// patterns that contain a `/`).
public struct Glob: Sendable, Hashable, CustomStringConvertible {
  public let pattern: String
  private let alternatives: [[String]]
  private let anyDepth: Bool
  public let directoryOnly: Bool

  public init(_ pattern: String) {
    self.pattern = pattern
    var body = pattern
    directoryOnly = body.hasSuffix("/")
    while body.hasSuffix("/") { body.removeLast() }
    if body.hasPrefix("./") { body.removeFirst(2) }
    let anchored = body.hasPrefix("/")
    while body.hasPrefix("/") { body.removeFirst() }
    anyDepth = !anchored && !body.contains("/")
    alternatives = Glob.expandBraces(body).map {
      $0.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }
  }

  public var description: String { pattern }

  /// Whether `path` (relative, '/'-separated) matches.
  public func matches(_ path: String, isDirectory: Bool = false) -> Bool {
    if directoryOnly && !isDirectory { return false }
    let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    for pattern in alternatives {
      if anyDepth {
        if let last = segments.last, pattern.count == 1, Glob.matchSegment(pattern[0], last) {
          return true
        }
      } else if Glob.matchSegments(pattern[...], segments[...]) {
        return true
      }
    }
    return false
  }

  static func matchSegments(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
    guard let first = pattern.first else { return path.isEmpty }
    if first == "**" {
      let rest = pattern.dropFirst()
      var remaining = path
      while true {
        if matchSegments(rest, remaining) { return true }
        guard !remaining.isEmpty else { return false }
        remaining = remaining.dropFirst()
      }
    }
    guard let segment = path.first, matchSegment(first, segment) else { return false }
    return matchSegments(pattern.dropFirst(), path.dropFirst())
  }

  /// Matches one segment with `*`, `?` and classes (iterative, with backtracking on `*`).
  static func matchSegment(_ pattern: String, _ text: String) -> Bool {
    let p = Array(pattern.unicodeScalars)
    let t = Array(text.unicodeScalars)
    var pi = 0
    var ti = 0
    var starP = -1
    var starT = 0
    while ti < t.count {
      if pi < p.count {
        switch p[pi] {
        case "*":
          starP = pi
          starT = ti
          pi += 1
          continue
        case "?":
          pi += 1
          ti += 1
          continue
        case "[":
          if let (matched, next) = matchClass(p, pi, t[ti]) {
            if matched {
              pi = next
              ti += 1
              continue
            }
          } else if t[ti] == "[" {
            pi += 1
            ti += 1
            continue
          }
        case "\\" where pi + 1 < p.count:
          if p[pi + 1] == t[ti] {
            pi += 2
            ti += 1
            continue
          }
        default:
          if p[pi] == t[ti] {
            pi += 1
            ti += 1
            continue
          }
        }
      }
      guard starP >= 0 else { return false }
      pi = starP + 1
      starT += 1
      ti = starT
    }
    while pi < p.count && p[pi] == "*" { pi += 1 }
    return pi == p.count
  }

  /// Matches a `[...]` class at `start`; nil when the bracket is not closed.
  static func matchClass(_ p: [Unicode.Scalar], _ start: Int, _ c: Unicode.Scalar) -> (Bool, Int)? {
    var index = start + 1
    var negate = false
    if index < p.count && (p[index] == "!" || p[index] == "^") {
      negate = true
      index += 1
    }
    var matched = false
    var first = true
    while index < p.count && (p[index] != "]" || first) {
      first = false
      if index + 2 < p.count && p[index + 1] == "-" && p[index + 2] != "]" {
        if p[index] <= c && c <= p[index + 2] { matched = true }
        index += 3
      } else {
        if p[index] == c { matched = true }
        index += 1
      }
    }
    guard index < p.count else { return nil }
    return (matched != negate, index + 1)
  }

  /// `a{b,c}d` -> `abd`, `acd`; nested braces work.
  static func expandBraces(_ pattern: String) -> [String] {
    let chars = Array(pattern)
    guard let open = chars.firstIndex(of: "{") else { return [pattern] }
    var depth = 0
    var close: Int?
    var commas: [Int] = []
    for index in open..<chars.count {
      switch chars[index] {
      case "{": depth += 1
      case "}":
        depth -= 1
        if depth == 0 { close = index }
      case "," where depth == 1: commas.append(index)
      default: break
      }
      if close != nil { break }
    }
    guard let close, !commas.isEmpty else { return [pattern] }
    let prefix = String(chars[..<open])
    let suffix = String(chars[(close + 1)...])
    let bounds = [open] + commas + [close]
    var result: [String] = []
    for k in 0..<(bounds.count - 1) {
      let option = String(chars[(bounds[k] + 1)..<bounds[k + 1]])
      result += expandBraces(prefix + option + suffix)
    }
    return result
  }
}
