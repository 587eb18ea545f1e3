// Tools: Vale `substitution` rules → glossary terms.
//
// `swap: {bad: good}`: one concept per distinct `good` (its preferred form; a `good`
// written `a|b` offers several: the first is preferred, the others accepted), the bad keys
// its variants. Keys are regular expressions: a key made only of literal text,
// alternations and optional parts (`(?:give|gave) rise to`, `colou?r`) is expanded into
// its forms; any other key is reported as skipped. `ignorecase: true` matches any case;
// without it Vale matches the listed case, so the concept gets `match_case: true`.
// `link` is the reference.

import GlossaryModel
import Yams

enum ValeImport {
  static func read(_ file: SourceFile, into result: inout ImportedTerms) throws(TermLintError) {
    let reader = YAMLReader(path: file.path, kind: .format)
    let text = String(decoding: file.bytes[file.textStart...], as: UTF8.self)
    guard let root = try reader.parse(text) else {
      throw GlossaryImport.error(
        "the Vale rule is empty; it needs 'extends: substitution' and 'swap:'", at: file.textStart,
        in: file)
    }
    var extends: String?
    var swap: Node?
    var ignoreCase = false
    var link: String?
    let ignored: Set<String> = [
      "message", "level", "scope", "description", "nonword", "action", "vocab", "capitalize",
      "append", "exceptions", "code", "limit",
    ]
    for (key, keyNode, value) in try reader.anyMapping(root, what: "a Vale rule") {
      switch key {
      case "extends": extends = try reader.string(value, what: "'extends'")
      case "swap": swap = value
      case "ignorecase": ignoreCase = try reader.bool(value, what: "'ignorecase'")
      case "link": link = try reader.optionalString(value, what: "'link'")
      default:
        if !ignored.contains(key) {
          result.notices.append(
            ImportNotice("unknown key '\(key)' ignored", at: reader.location(of: keyNode)))
        }
      }
    }
    guard extends == "substitution" else {
      let found = extends.map { "'extends: \($0)'" } ?? "no 'extends'"
      throw reader.error(
        "not a Vale substitution rule (\(found)); only 'extends: substitution' has a swap list",
        at: root)
    }
    guard let swap else { throw reader.error("a substitution rule needs 'swap:'", at: root) }
    var concepts = ConceptCollector()
    var folder = Folder()
    for (key, keyNode, value) in try reader.anyMapping(swap, what: "'swap'") {
      let place = reader.location(of: keyNode)
      let good = try reader.optionalString(value, what: "a swap value") ?? ""
      let goods = good.split(separator: "|").map { String($0).trimmingWhitespace() }
      guard !goods.isEmpty, goods.allSatisfy({ !$0.isEmpty && RegexForms.isLiteral($0) }) else {
        result.notices.append(
          ImportNotice(
            good.isEmpty
              ? "skipped “\(key)”: it has no replacement"
              : "skipped “\(key)” → “\(good)”: the replacement is a regular expression", at: place))
        continue
      }
      guard let expanded = RegexForms.expand(key) else {
        result.notices.append(
          ImportNotice(
            "skipped the key “\(key)”: a regular expression beyond literal text, alternatives "
              + "and optional parts", at: place))
        continue
      }
      let preferredKey = GlossaryChecker.foldedKey(goods[0], &folder)
      let correct = Set(goods.map { GlossaryChecker.foldedKey($0, &folder) })
      var variants: [Form] = []
      for form in expanded.forms {
        if correct.contains(GlossaryChecker.foldedKey(form, &folder)) {
          if GlossaryChecker.foldedKey(form, &folder) == preferredKey && form != goods[0] {
            result.notices.append(
              ImportNotice(
                "skipped “\(form)”: it differs from “\(goods[0])” only in case or width, which "
                  + "the form rule checks", at: place))
          }
          continue
        }
        variants.append(Form(text: form, location: place))
      }
      concepts.add(
        preferred: goods[0], accepted: goods.dropFirst().map { Form(text: $0) },
        variants: variants, note: nil,
        reference: link ?? "Vale rule, \(file.path):\(place?.line ?? 0)",
        matchCase: !(ignoreCase || expanded.ignoreCase), location: place)
    }
    result.terms += concepts.terms(notices: &result.notices)
  }
}

/// The finite set of texts a small regular expression matches: literal characters,
/// escaped punctuation, `\s` (a space), `\b` (nothing: matches are whole words), groups with alternatives and `?` after a character
/// or group. Anything else (classes, repetition, anchors) is not a list of forms.
enum RegexForms {
  static let maximumForms = 64
  /// Groups nest at most this deep (the parser recurses once per group).
  static let maximumDepth = 8
  static let special: Set<Character> = [
    ".", "^", "$", "*", "+", "?", "(", ")", "[", "]", "{", "}", "|", "\\",
  ]

  static func isLiteral(_ text: String) -> Bool { !text.contains { special.contains($0) } }

  static func expand(_ pattern: String) -> (forms: [String], ignoreCase: Bool)? {
    var text = Substring(pattern)
    var ignoreCase = false
    if text.hasPrefix("(?i)") {
      ignoreCase = true
      text = text.dropFirst(4)
    }
    var characters = Array(text)
    var index = 0
    guard let forms = alternatives(&characters, &index, depth: 0), index == characters.count
    else {
      return nil
    }
    var seen: Set<String> = []
    let result = forms.map { $0.collapsingWhitespace() }.filter {
      !$0.isEmpty && seen.insert($0).inserted
    }
    return result.isEmpty ? nil : (result, ignoreCase)
  }

  /// alternatives := sequence ('|' sequence)*
  private static func alternatives(_ c: inout [Character], _ i: inout Int, depth: Int)
    -> [String]?
  {
    guard depth <= maximumDepth else { return nil }
    var result: [String] = []
    while true {
      guard let forms = sequence(&c, &i, depth: depth) else { return nil }
      result += forms
      guard result.count <= maximumForms else { return nil }
      if i < c.count && c[i] == "|" {
        i += 1
        continue
      }
      return result
    }
  }

  /// sequence := (atom '?'?)*
  private static func sequence(_ c: inout [Character], _ i: inout Int, depth: Int) -> [String]? {
    var result = [""]
    while i < c.count && c[i] != "|" && c[i] != ")" {
      var atom: [String]
      switch c[i] {
      case "(":
        i += 1
        if i + 1 < c.count && c[i] == "?" && c[i + 1] == ":" { i += 2 }
        guard let inner = alternatives(&c, &i, depth: depth + 1), i < c.count, c[i] == ")" else {
          return nil
        }
        i += 1
        atom = inner
      case "\\":
        guard i + 1 < c.count else { return nil }
        let next = c[i + 1]
        i += 2
        if next == "b" {
          // A word boundary: termlint matches whole words anyway.
          atom = [""]
        } else if next == "s" {
          atom = [" "]
          if i < c.count && c[i] == "+" { i += 1 }
        } else if next.isPunctuation || next.isSymbol || next == " " {
          atom = [String(next)]
        } else {
          return nil
        }
      default:
        if special.contains(c[i]) { return nil }
        atom = [String(c[i])]
        i += 1
      }
      if i < c.count && c[i] == "?" {
        i += 1
        atom.append("")
      }
      var next: [String] = []
      for prefix in result {
        for suffix in atom { next.append(prefix + suffix) }
      }
      guard next.count <= maximumForms else { return nil }
      result = next
    }
    return result
  }
}
