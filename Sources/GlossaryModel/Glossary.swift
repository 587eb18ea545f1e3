/// Where something was written: a file and a 1-based line and column.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
  public var path: String
  public var line: Int
  public var column: Int

  public init(path: String, line: Int, column: Int) {
    self.path = path
    self.line = line
    self.column = column
  }

  public var description: String { "\(path):\(line):\(column)" }
}

/// A glossary: concepts with their canonical and non-canonical English renderings.
public struct Glossary: Equatable, Sendable {
  public var name: String
  public var path: String
  public var sourceLanguage: String?
  public var targetLanguage: String?
  public var terms: [Term]

  public init(
    name: String, path: String, sourceLanguage: String? = nil, targetLanguage: String? = nil,
    terms: [Term]
  ) {
    self.name = name
    self.path = path
    self.sourceLanguage = sourceLanguage
    self.targetLanguage = targetLanguage
    self.terms = terms
  }
}

/// How the case of the preferred form is checked by the `form` rule.
public enum CasePolicy: String, Sendable, CaseIterable {
  /// The preferred form's case, its first letter capitalised, or all capitals.
  case standard
  /// Only the preferred form's exact case.
  case exact
  /// Case is never reported.
  case any
}

/// One rendering of a concept as written in a glossary.
public struct Form: Hashable, Sendable {
  public var text: String
  public var note: String?
  public var location: SourceLocation?

  public init(text: String, note: String? = nil, location: SourceLocation? = nil) {
    self.text = text
    self.note = note
    self.location = location
  }
}

/// A concept: a source term and its English renderings.
public struct Term: Equatable, Sendable {
  /// Stable identifier, kebab-case; a later glossary's term with the same id replaces it.
  public var id: String
  /// The source-language term (Chinese for the bundled dictionaries).
  public var source: String?
  /// Other source-language forms of the concept, as the `source_forms:` list writes them
  /// (short names, abbreviations, forms without brackets or quotes).
  public var otherSourceForms: [Form]
  /// The canonical English; nil when no authoritative rendering exists, in which case
  /// variants are reported without a fix.
  public var preferred: Form?
  /// Other correct renderings: never reported. An accepted form that differs from the
  /// preferred form only in case ("Chinese dream" beside "Chinese Dream") is an accepted
  /// capitalisation: `form` compares the text with it as well as with the preferred form.
  public var accepted: [Form]
  /// Known non-canonical renderings: reported by the `variant` rule.
  public var variants: [Form]
  public var casePolicy: CasePolicy
  /// When true, forms match only with their listed case (or a capitalised first letter).
  public var matchCase: Bool
  public var note: String?
  public var reference: String?
  /// How safe the fix to the preferred form is: `safe` (default), `unsafe` when the
  /// replacement may need the sentence reworded, `displayOnly` to suggest but never apply.
  public var fixApplicability: FixApplicability
  public var flagExamples: [String]
  public var passExamples: [String]
  /// Where the term is defined, for messages.
  public var location: SourceLocation?
  /// The name of the glossary that defines it.
  public var glossaryName: String
  /// A name used in the singular only (`number: singular`): a plural rendering is fixed
  /// to the singular preferred form. By default a fix keeps the writer's number.
  public var singularOnly = false
  /// Quotation marks and brackets in the listed forms are not part of the term
  /// (`quotes: optional`): a form listed in quotes also matches without them. By default
  /// (`quotes: required`) a form listed in quotes matches only in quotes, as the bundled
  /// dictionaries list ordinary-English phrases ("two health").
  public var quotesOptional = false
  /// Longer names the concept's forms stand inside (`contained_in`: "Jiaxing Municipal
  /// People's Congress" for "people's congress"). Inside such a name, written as listed
  /// after folding, the name's own form is right: no case, form or variant finding there,
  /// and no fix that would change part of the name.
  public var containedIn: [Form] = []

  public init(
    id: String, source: String? = nil, otherSourceForms: [Form] = [], preferred: Form?,
    accepted: [Form] = [],
    variants: [Form] = [], casePolicy: CasePolicy = .standard, matchCase: Bool = false,
    note: String? = nil, reference: String? = nil,
    fixApplicability: FixApplicability = .safe, flagExamples: [String] = [],
    passExamples: [String] = [], location: SourceLocation? = nil, glossaryName: String = ""
  ) {
    self.id = id
    self.source = source
    self.otherSourceForms = otherSourceForms
    self.preferred = preferred
    self.accepted = accepted
    self.variants = variants
    self.casePolicy = casePolicy
    self.matchCase = matchCase
    self.note = note
    self.reference = reference
    self.fixApplicability = fixApplicability
    self.flagExamples = flagExamples
    self.passExamples = passExamples
    self.location = location
    self.glossaryName = glossaryName
  }

  /// Every source-language form of the concept: `source` first, then `source_forms`, each
  /// once, in the order written.
  public var sourceForms: [String] {
    var result: [String] = []
    for text in (source.map { [$0] } ?? []) + otherSourceForms.map(\.text)
    where !result.contains(text) {
      result.append(text)
    }
    return result
  }

  /// A name for the concept in messages: its source term, else its preferred form or id.
  public var displayName: String { source ?? preferred?.text ?? id }
}

/// How safe a fix is to apply unseen (`Fix.Applicability`); a glossary term's `fix:` sets it.
public enum FixApplicability: String, Sendable {
  /// Applied by `fix` with no further question: the meaning is kept.
  case safe
  /// Applied only when asked for, because the context may need a human.
  case unsafe
  /// Shown, never applied.
  case displayOnly = "display-only"
}
