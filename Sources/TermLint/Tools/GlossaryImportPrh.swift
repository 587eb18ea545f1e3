// Tools: prh (proofreading helper) rule files → glossary terms.
//
// `rules: - expected: X, pattern: Y` (or `patterns:`, a string or a list): X is the
// preferred form, the patterns its variants. A pattern written `/…/flags` is a regular
// expression, which a glossary cannot list: it is reported as skipped, with its line.
// Rules with the same `expected` make one concept. `specs` (prh's own tests), `options`
// and `regexpMustEmpty` are ignored; `prh:` (the rule's explanation) is the note;
// `imports:` are not followed (import those files too).

import GlossaryModel
import Yams

enum PrhImport {
  static let topKeys = ["version", "rules", "imports"]
  static let ruleKeys = [
    "expected", "pattern", "patterns", "specs", "prh", "options", "regexpMustEmpty",
  ]

  static func read(_ file: SourceFile, into result: inout ImportedTerms) throws(TermLintError) {
    let reader = YAMLReader(path: file.path, kind: .format)
    let text = String(decoding: file.bytes[file.textStart...], as: UTF8.self)
    guard let root = try reader.parse(text) else {
      throw GlossaryImport.error(
        "the prh file is empty; it needs a 'rules:' list", at: file.textStart, in: file)
    }
    var rulesNode: Node?
    for (key, keyNode, value) in try reader.anyMapping(root, what: "a prh file") {
      switch key {
      case "rules": rulesNode = value
      case "version": break
      case "imports":
        result.notices.append(
          ImportNotice(
            "'imports' are not followed: import those files as well",
            at: reader.location(of: keyNode)))
      default:
        result.notices.append(
          ImportNotice("unknown key '\(key)' ignored", at: reader.location(of: keyNode)))
      }
    }
    guard let rulesNode else {
      throw reader.error("a prh file needs a 'rules:' list", at: root)
    }
    var concepts = ConceptCollector()
    var folder = Folder()
    for rule in try reader.sequence(rulesNode, what: "'rules'") {
      var expectedNode: Node?
      var patterns: [Node] = []
      var note: String?
      for (key, keyNode, value) in try reader.anyMapping(rule, what: "a prh rule") {
        switch key {
        case "expected": expectedNode = value
        case "pattern", "patterns":
          if case .sequence = value {
            patterns += try reader.sequence(value, what: "'\(key)'")
          } else {
            patterns.append(value)
          }
        case "prh": note = try reader.optionalString(value, what: "'prh'")
        case "specs", "options", "regexpMustEmpty": break
        default:
          result.notices.append(
            ImportNotice("unknown key '\(key)' in a rule ignored", at: reader.location(of: keyNode))
          )
        }
      }
      guard let expectedNode else {
        throw reader.error("a prh rule needs 'expected:'", at: rule)
      }
      let expected = try reader.string(expectedNode, what: "'expected'").trimmingWhitespace()
      let at = reader.location(of: rule)
      var variants: [Form] = []
      var skippedRegex = false
      for node in patterns {
        let pattern = try reader.string(node, what: "a pattern")
        let place = reader.location(of: node)
        if isRegex(pattern) {
          skippedRegex = true
          result.notices.append(
            ImportNotice(
              "skipped the regular expression pattern \(pattern) of “\(expected)”: a glossary "
                + "lists literal forms only", at: place))
          continue
        }
        let form = pattern.trimmingWhitespace()
        guard !form.isEmpty else { continue }
        if GlossaryChecker.foldedKey(form, &folder) == GlossaryChecker.foldedKey(expected, &folder)
        {
          if form != expected {
            result.notices.append(
              ImportNotice(
                "skipped the pattern “\(form)”: it differs from “\(expected)” only in case or "
                  + "width, which the form rule checks", at: place))
          }
          continue
        }
        variants.append(Form(text: form, location: place))
      }
      // An expected text with capture references ($1) belongs to regular expressions.
      if expected.isEmpty || (skippedRegex && expected.contains("$")) {
        result.notices.append(
          ImportNotice("skipped the rule for “\(expected)”: nothing literal to list", at: at))
        continue
      }
      concepts.add(
        preferred: expected, accepted: [], variants: variants, note: note,
        reference: "prh rule, \(file.path):\(at?.line ?? 0)", location: at)
    }
    result.terms += concepts.terms(notices: &result.notices)
  }

  /// prh writes regular expressions as `/…/` with optional flags.
  static func isRegex(_ pattern: String) -> Bool {
    guard pattern.hasPrefix("/"), pattern.count >= 2,
      let close = pattern.dropFirst().lastIndex(of: "/")
    else { return false }
    return pattern[pattern.index(after: close)...].allSatisfy { "gimsuy".contains($0) }
  }
}

/// Concepts keyed by their preferred form, merged when several rules name the same one.
struct ConceptCollector {
  struct Concept {
    var preferred: String
    var accepted: [Form]
    var variants: [Form]
    var note: String?
    var reference: String?
    var matchCase: Bool
    var location: SourceLocation?
  }

  var order: [String] = []
  var concepts: [String: Concept] = [:]

  mutating func add(
    preferred: String, accepted: [Form], variants: [Form], note: String?, reference: String?,
    matchCase: Bool = false, location: SourceLocation?
  ) {
    if var concept = concepts[preferred] {
      concept.accepted += accepted
      concept.variants += variants
      concept.matchCase = concept.matchCase && matchCase
      if concept.note == nil { concept.note = note }
      concepts[preferred] = concept
    } else {
      order.append(preferred)
      concepts[preferred] = Concept(
        preferred: preferred, accepted: accepted, variants: variants, note: note,
        reference: reference, matchCase: matchCase, location: location)
    }
  }

  func terms(notices: inout [ImportNotice]) -> [Term] {
    order.compactMap { key -> Term? in
      guard let concept = concepts[key] else { return nil }
      return GlossaryImport.term(
        id: "", sources: [], preferred: Form(text: concept.preferred),
        accepted: concept.accepted, variants: concept.variants, note: concept.note,
        reference: concept.reference, matchCase: concept.matchCase, location: concept.location,
        notices: &notices)
    }
  }
}
