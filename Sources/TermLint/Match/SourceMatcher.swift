import Synchronization

// Match stage: concepts named in a bilingual segment's source text.
//
// Takes: the source text of a segment (Chinese). Gives: the glossary concepts whose source
// forms it contains. Chinese is matched without word spaces after folding: width and case
// (NFKC_Casefold), Traditional written as Simplified (ICU Hant-Hans), and quotation marks,
// brackets, punctuation and spaces left out, so 八八戰略, “八八”战略 and 八八 战略 are all 八八战略.

/// Finds concepts by their source forms. Built on first need (only bilingual files need
/// it); shared read-only between threads.
struct SourceMatcher: Sendable {
  /// Candidate forms by their first scalar: the form's key scalars and the term, longest
  /// first.
  private let byFirst: [Unicode.Scalar: [([Unicode.Scalar], Int)]]

  init(glossary: CompiledGlossary) {
    var table: [Unicode.Scalar: [([Unicode.Scalar], Int)]] = [:]
    for (index, term) in glossary.terms.enumerated() {
      var seen = Set<[Unicode.Scalar]>()
      for form in Self.sourceForms(of: term) {
        let key = Self.key(form)
        // A single character is too common to name a concept, unless it is all there is.
        guard let first = key.first, key.count >= 2, seen.insert(key).inserted else { continue }
        table[first, default: []].append((key, index))
      }
    }
    for key in table.keys { table[key]?.sort { $0.0.count > $1.0.count } }
    byFirst = table
  }

  var isEmpty: Bool { byFirst.isEmpty }

  /// The source forms of a concept: its source and, when the source holds a short form in
  /// brackets ("中国共产党第十九次全国代表大会（十九大）"), the part outside and the part inside.
  static func sourceForms(of term: Term) -> [String] {
    var forms = term.sourceForms
    for source in term.sourceForms {
      for (open, close) in [("（", "）"), ("(", ")"), ("【", "】")] {
        guard let start = source.range(of: open), let end = source.range(of: close),
          start.upperBound <= end.lowerBound
        else { continue }
        let inside = String(source[start.upperBound..<end.lowerBound])
        let outside = String(source[..<start.lowerBound]) + String(source[end.upperBound...])
        forms += [inside, outside].filter { !$0.isEmpty }
      }
    }
    return forms
  }

  /// The scalars a source form or text is compared by.
  static func key(_ text: String) -> [Unicode.Scalar] {
    let folded = ICU.simplified(ICU.normalize(text, .nfkcCasefold))
    return folded.unicodeScalars.filter {
      $0.properties.isAlphabetic || $0.properties.numericType != nil
    }
  }

  static func isHan(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F: true
    default: false
    }
  }

  /// The concepts `text` names, each once, in order of first appearance (leftmost-longest).
  func concepts(in text: String) -> [(term: Int, form: String)] {
    let key = Self.key(text)
    var result: [(term: Int, form: String)] = []
    var found = Set<Int>()
    var index = 0
    while index < key.count {
      var advanced = false
      if let candidates = byFirst[key[index]] {
        for (form, term) in candidates
        where index + form.count <= key.count && key[index..<index + form.count].elementsEqual(form)
        {
          if found.insert(term).inserted {
            var text = ""
            text.unicodeScalars.append(contentsOf: form)
            result.append((term, text))
          }
          index += form.count
          advanced = true
          break
        }
      }
      if !advanced { index += 1 }
    }
    return result
  }
}

/// The source matcher, built when a bilingual file first needs it.
final class LazySourceMatcher: Sendable {
  private let glossary: CompiledGlossary
  private let built: Mutex<SourceMatcher?>

  init(glossary: CompiledGlossary) {
    self.glossary = glossary
    built = Mutex(nil)
  }

  var value: SourceMatcher {
    built.withLock { matcher in
      if let matcher { return matcher }
      let made = SourceMatcher(glossary: glossary)
      matcher = made
      return made
    }
  }
}
