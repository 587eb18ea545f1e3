// Normalize stage: English plurals of a glossary form's head word.
//
// Takes: a form as written. Gives: the form with its last word in the plural, or nil when
// the last word is not one to inflect (already plural, not a word, too short).

/// English plural of a form's head (last) word.
///
/// A concept is matched through the plural of its head word: "Double-Eight Strategies",
/// "people's congresses", "Five-Year Plans". The possessive needs nothing (the apostrophe is
/// a token of its own, so "Strategy's" already holds "Strategy").
enum Inflection {
  /// Irregular plurals of head words that occur in titles and bodies.
  static let irregular: [String: String] = [
    "man": "men", "woman": "women", "child": "children", "person": "persons",
    "chairman": "chairmen", "chairwoman": "chairwomen", "spokesman": "spokesmen",
    "spokeswoman": "spokeswomen", "spokesperson": "spokespersons", "congressman": "congressmen",
    "analysis": "analyses", "basis": "bases", "crisis": "crises", "thesis": "theses",
  ]

  /// The form with its last word in the plural, case kept; nil if it has none.
  static func plural(of form: String) -> String? {
    let scalars = Array(form.unicodeScalars)
    var end = scalars.count
    while end > 0 && scalars[end - 1].properties.isWhitespace { end -= 1 }
    var start = end
    while start > 0 && isASCIILetter(scalars[start - 1]) { start -= 1 }
    // The head must be a whole word of letters, of three or more.
    guard end - start >= 3 else { return nil }
    if start > 0 && (scalars[start - 1].properties.isAlphabetic || isDigit(scalars[start - 1])) {
      return nil
    }
    var word = String(String.UnicodeScalarView(scalars[start..<end]))
    guard let head = pluralWord(word) else { return nil }
    word = head
    return String(String.UnicodeScalarView(scalars[..<start])) + word
      + String(String.UnicodeScalarView(scalars[end...]))
  }

  /// The plural of one word, in its case (all capitals stay capitals).
  static func pluralWord(_ word: String) -> String? {
    let lower = word.lowercased()
    let upper = word == word.uppercased() && word != lower
    func cased(_ plural: String) -> String {
      if upper { return plural.uppercased() }
      if word.first?.isUppercase == true {
        return plural.prefix(1).uppercased() + plural.dropFirst()
      }
      return plural
    }
    if let irregular = irregular[lower] { return cased(irregular) }
    // Already plural, or a word that does not take a plural here.
    if lower.hasSuffix("s") { return nil }
    let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
    if lower.hasSuffix("y"), lower.count >= 2,
      !vowels.contains(lower[lower.index(lower.endIndex, offsetBy: -2)])
    {
      return cased(String(lower.dropLast()) + "ies")
    }
    if lower.hasSuffix("x") || lower.hasSuffix("z") || lower.hasSuffix("ch")
      || lower.hasSuffix("sh")
    {
      return cased(lower + "es")
    }
    return cased(lower + "s")
  }

  static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
    (0x41...0x5A).contains(scalar.value) || (0x61...0x7A).contains(scalar.value)
  }

  static func isDigit(_ scalar: Unicode.Scalar) -> Bool { (0x30...0x39).contains(scalar.value) }
}
