// Match stage: the numeral index as bytes, for the glossary cache (`GlossaryCache`).
//
// Takes: a `NumeralIndex`. Gives: its tables as bytes, and back; decoding checks that every
// entry index is one of the compiled glossary's and that the word ids line up with the
// token table, so wrong bytes give nil, never a trap.

extension NumeralIndex {
  func encode(into writer: inout BinaryWriter) {
    words.encode(into: &writer)
    writer.table(wordIDs)
    let numberList = numbers.sorted { $0.value < $1.value }
    writer.array(numberList.map(\.key.digits))
    writer.array(numberList.map(\.key.length))
    writer.array(numberList.map(\.value))
    transitions.encode(into: &writer)
    writer.table(terminals.start)
    writer.table(terminals.count)
    writer.table(terminals.entries)
    writer.int(maxLead)
    writer.array(sharedNodes.sorted())
    // The case words are not stored: a numeral match computes its form's when needed.
  }

  /// The index `encode` wrote, for a glossary of `entryCount` entries; nil when the bytes
  /// are not such an index.
  static func decode(from reader: inout BinaryReader, entryCount: Int) -> NumeralIndex? {
    guard let words = TokenTable.decode(from: &reader),
      let wordIDs = reader.table(of: Int32.self), wordIDs.count == words.hashes.count,
      let digits = reader.array(of: UInt64.self), let lengths = reader.array(of: UInt8.self),
      let ids = reader.array(of: Int32.self), digits.count == lengths.count,
      digits.count == ids.count,
      let transitions = TransitionTable.decode(from: &reader),
      let start = reader.table(of: Int32.self), let counts = reader.table(of: Int32.self),
      let flat = reader.table(of: Int32.self),
      let terminals = TerminalLists(
        start: start, count: counts, entries: flat, entryCount: entryCount),
      let maxLead = reader.int(below: 1 << 16),
      let shared = reader.array(of: Int32.self)
    else { return nil }
    var numbers: [NumberValue: Int32] = [:]
    for k in digits.indices {
      numbers[NumberValue(digits: digits[k], length: lengths[k])] = ids[k]
    }
    return NumeralIndex(
      words: words, numbers: numbers, transitions: transitions, terminals: terminals,
      maxLead: maxLead, sharedNodes: Set(shared), caseWords: [:], wordIDs: wordIDs)
  }
}
