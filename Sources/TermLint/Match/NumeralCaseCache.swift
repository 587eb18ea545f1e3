/// The case checks of one file's numeral matches, remembered: a file that names "88th
/// Strategy" at every mention checks its case once (`NumeralCase` builds strings), not at
/// every mention. Keyed by the entry and the original bytes of the match, which decide the
/// answer alone; bounded (cleared when full), and used by one `CandidateFinder.candidates`
/// call only.
struct NumeralCaseCache {
  struct Key: Hashable {
    var entry: Int
    /// A slice of the file's bytes: no copy, compared by content.
    var bytes: ArraySlice<UInt8>

    /// The bytes' `ContentHash`, fed to the hasher as one word: a slice hashed by the
    /// standard library goes through the hasher a byte at a time.
    func hash(into hasher: inout Hasher) {
      hasher.combine(entry)
      hasher.combine(bytes.withUnsafeBytes { ContentHash.hash($0, seed: 0x6E75_6D63) })
    }
  }

  /// Entries kept before the cache is cleared.
  static let capacity = 4096

  private var answers: [Key: Bool] = [:]

  /// The answer for `entry` at `bytes`, from the cache or from `check` (then remembered).
  mutating func matches(entry: Int, bytes: ArraySlice<UInt8>, check: () -> Bool) -> Bool {
    let key = Key(entry: entry, bytes: bytes)
    if let known = answers[key] { return known }
    let answer = check()
    if answers.count >= Self.capacity { answers.removeAll(keepingCapacity: true) }
    answers[key] = answer
    return answer
  }
}
