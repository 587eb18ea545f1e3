import Yams

/// Loads glossaries from YAML. The minimal shape is a `terms:` list whose items have
/// `preferred`, `source` and `variants`; everything else is optional (`source_forms` lists
/// further source-language forms of the concept). Unknown keys, wrong
/// types and missing values are errors that point at file, line and column.
public enum GlossaryLoader {
  package static let topKeys = [
    "name", "description", "source_language", "target_language", "terms",
  ]
  package static let termKeys = [
    "id", "source", "source_forms", "preferred", "accepted", "variants", "case", "match_case",
    "number", "quotes", "contained_in",
    "note", "reference", "examples", "fix",
  ]
  package static let formKeys = ["text", "note"]
  package static let exampleKeys = ["flag", "pass"]

  /// Parses glossary YAML. `path` names the file in error messages.
  public static func load(yaml text: String, path: String) throws(TermLintError) -> Glossary {
    let reader = YAMLReader(path: path, kind: .glossary)
    guard let root = try reader.parse(text) else {
      throw TermLintError(.glossary, "the glossary is empty; it needs a 'terms:' list", path: path)
    }
    var name: String?
    var sourceLanguage: String?
    var targetLanguage: String?
    var termsNode: Node?
    for (key, _, value) in try reader.mapping(root, allowed: topKeys, what: "the glossary") {
      switch key {
      case "name": name = try reader.nonEmptyString(value, what: "'name'")
      case "description": _ = try reader.optionalString(value, what: "'description'")
      case "source_language":
        sourceLanguage = try reader.optionalString(value, what: "'source_language'")
      case "target_language":
        targetLanguage = try reader.optionalString(value, what: "'target_language'")
      default: termsNode = value
      }
    }
    guard let termsNode else {
      throw TermLintError(
        .glossary, "the glossary has no 'terms:' list", at: reader.location(of: root), path: path)
    }
    let glossaryName = name ?? fileName(path)
    var terms: [Term] = []
    for item in try reader.sequence(termsNode, what: "'terms'") {
      terms.append(try term(item, reader: reader, glossaryName: glossaryName))
    }
    return Glossary(
      name: glossaryName, path: path, sourceLanguage: sourceLanguage,
      targetLanguage: targetLanguage, terms: terms)
  }

  private static func term(_ node: Node, reader: YAMLReader, glossaryName: String)
    throws(TermLintError) -> Term
  {
    var id: String?
    var source: String?
    var sourceForms: [Form] = []
    var preferred: Form?
    var sawPreferred = false
    var accepted: [Form] = []
    var variants: [Form] = []
    var casePolicy = CasePolicy.standard
    var matchCase = false
    var singularOnly = false
    var quotesOptional = false
    var containedIn: [Form] = []
    var note: String?
    var reference: String?
    var fixApplicability = FixApplicability.safe
    var flag: [String] = []
    var pass: [String] = []
    for (key, keyNode, value) in try reader.mapping(node, allowed: termKeys, what: "a term") {
      switch key {
      case "id":
        let text = try reader.nonEmptyString(value, what: "'id'")
        guard isValidID(text) else {
          throw reader.error(
            "'id' must be kebab-case (lowercase letters, digits and single hyphens), found '\(text)'",
            at: value)
        }
        id = text
      case "source": source = try reader.nonEmptyString(value, what: "'source'")
      case "source_forms":
        for item in try reader.sequence(value, what: "'source_forms'") {
          sourceForms.append(
            Form(
              text: try reader.nonEmptyString(item, what: "an item of 'source_forms'"),
              location: reader.location(of: item)))
        }
      case "preferred":
        sawPreferred = true
        if !reader.isNull(value) {
          preferred = Form(
            text: try reader.nonEmptyString(value, what: "'preferred'"),
            location: reader.location(of: value))
        }
      case "accepted": accepted = try forms(value, reader: reader, what: "'accepted'")
      case "variants": variants = try forms(value, reader: reader, what: "'variants'")
      case "case":
        let text = try reader.string(value, what: "'case'")
        guard let policy = CasePolicy(rawValue: text) else {
          let known = CasePolicy.allCases.map(\.rawValue).joined(separator: ", ")
          throw reader.error("'case' must be one of \(known), found '\(text)'", at: value)
        }
        casePolicy = policy
      case "match_case": matchCase = try reader.bool(value, what: "'match_case'")
      case "number":
        let text = try reader.string(value, what: "'number'")
        guard text == "singular" || text == "any" else {
          throw reader.error("'number' must be singular or any, found '\(text)'", at: value)
        }
        singularOnly = text == "singular"
      case "quotes":
        let text = try reader.string(value, what: "'quotes'")
        guard text == "required" || text == "optional" else {
          throw reader.error("'quotes' must be required or optional, found '\(text)'", at: value)
        }
        quotesOptional = text == "optional"
      case "contained_in":
        for item in try reader.sequence(value, what: "'contained_in'") {
          containedIn.append(
            Form(
              text: try reader.nonEmptyString(item, what: "an item of 'contained_in'"),
              location: reader.location(of: item)))
        }
      case "note": note = try reader.optionalString(value, what: "'note'")
      case "reference": reference = try reader.optionalString(value, what: "'reference'")
      case "fix":
        let text = try reader.string(value, what: "'fix'")
        switch text {
        case "safe": fixApplicability = .safe
        case "unsafe": fixApplicability = .unsafe
        case "none": fixApplicability = .displayOnly
        default:
          throw reader.error("'fix' must be safe, unsafe or none, found '\(text)'", at: value)
        }
      case "examples":
        for (exampleKey, _, list) in try reader.mapping(
          value, allowed: exampleKeys, what: "'examples'")
        {
          let texts = try reader.stringList(list, what: "'examples.\(exampleKey)'")
          if exampleKey == "flag" { flag = texts } else { pass = texts }
        }
      default:
        throw reader.error("unhandled key '\(key)'", at: keyNode)
      }
    }
    guard sawPreferred else {
      throw reader.error(
        "a term needs 'preferred:' (the canonical English, or null when none exists)", at: node)
    }
    if preferred == nil && accepted.isEmpty && variants.isEmpty {
      throw reader.error(
        "a term with no preferred form needs 'accepted' or 'variants' to match", at: node)
    }
    let resolvedID =
      id ?? derivedID(source: source, preferred: preferred?.text, node: node, reader: reader)
    var term = Term(
      id: resolvedID, source: source, otherSourceForms: sourceForms, preferred: preferred,
      accepted: accepted, variants: variants,
      casePolicy: casePolicy, matchCase: matchCase, note: note, reference: reference,
      fixApplicability: fixApplicability, flagExamples: flag, passExamples: pass,
      location: reader.location(of: node),
      glossaryName: glossaryName)
    term.singularOnly = singularOnly
    term.quotesOptional = quotesOptional
    term.containedIn = containedIn
    return term
  }

  private static func forms(_ node: Node, reader: YAMLReader, what: String) throws(TermLintError)
    -> [Form]
  {
    var result: [Form] = []
    for item in try reader.sequence(node, what: what) {
      if case .mapping = item {
        var text: String?
        var note: String?
        for (key, _, value) in try reader.mapping(
          item, allowed: formKeys, what: "an item of \(what)")
        {
          if key == "text" {
            text = try reader.nonEmptyString(value, what: "'text'")
          } else {
            note = try reader.optionalString(value, what: "'note'")
          }
        }
        guard let text else {
          throw reader.error("an item of \(what) written as a mapping needs 'text:'", at: item)
        }
        result.append(Form(text: text, note: note, location: reader.location(of: item)))
      } else {
        let text = try reader.nonEmptyString(item, what: "an item of \(what)")
        result.append(Form(text: text, location: reader.location(of: item)))
      }
    }
    return result
  }

  package static func isValidID(_ id: String) -> Bool {
    guard let first = id.unicodeScalars.first, let last = id.unicodeScalars.last,
      first != "-", last != "-", !id.contains("--")
    else { return false }
    return id.unicodeScalars.allSatisfy {
      ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
    }
  }

  /// An id made from the preferred form (kebab-case ASCII), else from the source term's
  /// position in the file, so every term has one.
  package static func derivedID(source: String?, preferred: String?, node: Node, reader: YAMLReader)
    -> String
  {
    if let preferred {
      let slug = slug(preferred)
      if !slug.isEmpty { return slug }
    }
    let line = node.mark?.line ?? 0
    return "term-\(fileName(reader.path))-\(line)"
  }

  /// A kebab-case id from a rendering: ASCII letters and digits, hyphens between words.
  package static func slug(_ text: String) -> String {
    var slug = ""
    for scalar in text.lowercased().unicodeScalars {
      if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
        slug.unicodeScalars.append(scalar)
      } else if !slug.isEmpty && !slug.hasSuffix("-") {
        slug += "-"
      }
    }
    while slug.hasSuffix("-") { slug.removeLast() }
    return slug
  }

  package static func fileName(_ path: String) -> String {
    let last = path.split(separator: "/").last.map(String.init) ?? path
    if let dot = last.lastIndex(of: ".") { return String(last[..<dot]) }
    return last
  }
}
