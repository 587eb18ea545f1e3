import CICU

/// Folded text and the map from each folded byte back to the original bytes.
public struct FoldedText: Sendable {
  /// The folded text, UTF-8.
  public var bytes: [UInt8]
  public var map: OffsetMap
}

/// Folds text for matching: ICU NFKC_Casefold (case, width, compatibility forms, removal
/// of soft hyphens and other default-ignorable characters), then every dash and hyphen to
/// `-`, every single quote, apostrophe and prime to `'`, every double quote to `"`, and
/// every kind of space and line break to a space.
///
/// ASCII takes a table-driven fast path that never calls ICU; only the chunks that contain
/// non-ASCII characters (split where the normalizer has a boundary) go through ICU, and a
/// chunk of one character is cached.
public struct Folder {
  private var cache: [UInt32: [UInt8]] = [:]
  private var utf16: [UInt16] = []
  private var normalized: [UInt16] = Array(repeating: 0, count: 64)
  /// Whether the common non-ASCII characters fold by `FoldTable` (off only in the tests that
  /// compare the table with ICU).
  var useTable = true

  public init() {}

  /// The fast-path table: ASCII folded on its own.
  static let asciiTable: [UInt8] = (0..<128).map { value -> UInt8 in
    let byte = UInt8(value)
    switch byte {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"): return byte + 32
    case 0x09, 0x0A, 0x0B, 0x0C, 0x0D: return 0x20
    case UInt8(ascii: "`"): return UInt8(ascii: "'")
    default: return byte
    }
  }

  /// Folds one character after ICU normalization; nil drops it.
  static func postFold(_ scalar: UInt32) -> UInt32? {
    switch scalar {
    case 0..<0x80:
      return UInt32(asciiTable[Int(scalar)])
    // Hyphens and dashes: hyphen, non-breaking hyphen, figure dash, en and em dashes,
    // horizontal bar, minus sign, two- and three-em dashes, small and fullwidth hyphen-minus.
    case 0x2010...0x2015, 0x2212, 0x2E3A, 0x2E3B, 0xFE58, 0xFE63, 0xFF0D, 0x058A, 0x1806:
      return 0x2D
    // Single quotes, apostrophes and primes.
    case 0x2018...0x201B, 0x2032, 0x2035, 0x02BC, 0x02B9, 0xFF07:
      return 0x27
    // Double quotes, double primes, guillemets and CJK corner brackets.
    case 0x201C...0x201F, 0x2033, 0x2036, 0x00AB, 0x00BB, 0x300C...0x300F, 0xFF02:
      return 0x22
    // Spaces and line breaks that NFKC keeps: line and paragraph separators, next line,
    // ogham space mark.
    case 0x2028, 0x2029, 0x0085, 0x1680:
      return 0x20
    // Zero-width characters NFKC_Casefold keeps.
    case 0x180E:
      return nil
    default:
      return scalar
    }
  }

  /// Folds `bytes[range]`, which must be valid UTF-8, and maps folded bytes back to
  /// offsets in `bytes`.
  public mutating func fold(_ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>) -> FoldedText {
    var output: [UInt8] = []
    output.reserveCapacity(range.count + 16)
    var map = OffsetMap()
    let table = Folder.asciiTable
    var index = range.lowerBound
    let end = range.upperBound
    while index < end {
      let byte = bytes[index]
      if byte < 0x80 {
        // The fast path, unless the next character combines with this one.
        let next = index + 1
        if next >= end || bytes[next] < 0x80 || Folder.startsChunk(bytes, at: next) {
          var runEnd = Folder.asciiRunEnd(bytes, from: index + 1, to: end)
          // The last ASCII byte before a combining mark starts a chunk of its own.
          if runEnd < end && !Folder.startsChunk(bytes, at: runEnd) { runEnd -= 1 }
          if runEnd > index {
            // Copy the run in bulk, then fold it in place, eight bytes at a time.
            let start = output.count
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<runEnd]))
            output.withUnsafeMutableBufferPointer { folded in
              table.withUnsafeBufferPointer { map in
                var k = start
                if let base = UnsafeMutableRawPointer(folded.baseAddress) {
                  while k + 8 <= folded.count {
                    let word = base.loadUnaligned(fromByteOffset: k, as: UInt64.self)
                    base.storeBytes(
                      of: SWAR.foldASCII(UInt64(littleEndian: word)).littleEndian,
                      toByteOffset: k, as: UInt64.self)
                    k += 8
                  }
                }
                while k < folded.count {
                  folded[k] = map[Int(folded[k])]
                  k += 1
                }
              }
            }
            map.appendIdentity(original: index, count: runEnd - index)
            index = runEnd
            continue
          }
        }
      }
      if useTable, byte >= 0xC2, let folded = FoldTable.fold(bytes, at: index, end: end) {
        // A curly quote, dash, space, full-width character or ideograph whose next
        // character starts a chunk of its own: the table knows its folding.
        let next = index + folded.length
        if next >= end || bytes[next] < 0x80 || Folder.startsChunk(bytes, at: next) {
          folded.append(to: &output)
          map.appendChunk(
            original: index, originalLength: folded.length, foldedLength: folded.count)
          index = next
          continue
        }
      }
      index = foldChunk(bytes, at: index, end: end, into: &output, map: &map)
    }
    return FoldedText(bytes: output, map: map)
  }

  /// Folds a string, for glossary forms and other short text.
  public mutating func fold(_ string: String) -> [UInt8] {
    let bytes = Array(string.utf8)
    return bytes.withUnsafeBufferPointer { fold($0, range: 0..<$0.count).bytes }
  }

  /// The end of the run of ASCII bytes starting at `start`, eight bytes at a time.
  @inline(__always)
  static func asciiRunEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int
  {
    var index = start
    if let base = bytes.baseAddress {
      let raw = UnsafeRawPointer(base)
      while index + 8 <= end {
        let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
        if word & 0x8080_8080_8080_8080 != 0 { break }
        index += 8
      }
    }
    while index < end && bytes[index] < 0x80 { index += 1 }
    return index
  }

  /// Whether the character at `index` has a normalization boundary before it.
  static func startsChunk(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
    if bytes[index] < 0x80 { return true }
    let (scalar, _) = decode(bytes, at: index)
    // Every character of the table starts a chunk (a test asks ICU for each).
    if FoldTable.contains(scalar) { return true }
    return cicu_nfkc_cf_has_boundary_before(scalar) != 0
  }

  /// Whether ICU says `scalar` has a normalization boundary before it (for tests).
  static func icuBoundaryBefore(_ scalar: UInt32) -> Bool {
    cicu_nfkc_cf_has_boundary_before(scalar) != 0
  }

  /// Decodes the UTF-8 scalar at `index` (input is already validated).
  @inline(__always)
  static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
    let lead = bytes[index]
    if lead < 0x80 { return (UInt32(lead), 1) }
    if lead < 0xE0 {
      return ((UInt32(lead & 0x1F) << 6) | UInt32(bytes[index + 1] & 0x3F), 2)
    }
    if lead < 0xF0 {
      return (
        (UInt32(lead & 0x0F) << 12) | (UInt32(bytes[index + 1] & 0x3F) << 6)
          | UInt32(bytes[index + 2] & 0x3F), 3
      )
    }
    return (
      (UInt32(lead & 0x07) << 18) | (UInt32(bytes[index + 1] & 0x3F) << 12)
        | (UInt32(bytes[index + 2] & 0x3F) << 6) | UInt32(bytes[index + 3] & 0x3F), 4
    )
  }

  /// Folds the normalization chunk that starts at `start` and returns where it ends.
  private mutating func foldChunk(
    _ bytes: UnsafeBufferPointer<UInt8>, at start: Int, end: Int,
    into output: inout [UInt8], map: inout OffsetMap
  ) -> Int {
    let (first, firstLength) = Folder.decode(bytes, at: start)
    var chunkEnd = start + firstLength
    while chunkEnd < end && !Folder.startsChunk(bytes, at: chunkEnd) {
      chunkEnd += Folder.decode(bytes, at: chunkEnd).1
    }
    let before = output.count
    if chunkEnd == start + firstLength, let cached = cache[first] {
      output.append(contentsOf: cached)
    } else {
      utf16.removeAll(keepingCapacity: true)
      var index = start
      while index < chunkEnd {
        let (scalar, length) = Folder.decode(bytes, at: index)
        if let unicodeScalar = Unicode.Scalar(scalar) {
          utf16.append(contentsOf: String(Character(unicodeScalar)).utf16)
        }
        index += length
      }
      appendNormalized(into: &output)
      if chunkEnd == start + firstLength {
        cache[first] = Array(output[before...])
      }
    }
    map.appendChunk(
      original: start, originalLength: chunkEnd - start, foldedLength: output.count - before)
    return chunkEnd
  }

  /// Normalizes `utf16` with NFKC_Casefold, applies `postFold`, appends UTF-8 to `output`.
  private mutating func appendNormalized(into output: inout [UInt8]) {
    var length: Int32 = -1
    while true {
      let capacity = Int32(normalized.count)
      length = utf16.withUnsafeBufferPointer { source in
        normalized.withUnsafeMutableBufferPointer { destination in
          cicu_nfkc_cf(
            source.baseAddress, Int32(source.count), destination.baseAddress, capacity)
        }
      }
      if length <= capacity { break }
      normalized = Array(repeating: 0, count: Int(length))
    }
    // ICU failing on valid input is not expected; keep the text unfolded rather than lose it.
    let units: ArraySlice<UInt16> = length < 0 ? utf16[...] : normalized[0..<Int(length)]
    for scalar in Unicode.UTF16.decodeAll(units) {
      guard let folded = Folder.postFold(scalar), let value = Unicode.Scalar(folded) else {
        continue
      }
      appendUTF8(value, to: &output)
    }
  }
}

@inline(__always)
func appendUTF8(_ scalar: Unicode.Scalar, to output: inout [UInt8]) {
  let value = scalar.value
  switch value {
  case 0..<0x80:
    output.append(UInt8(value))
  case 0x80..<0x800:
    output.append(UInt8(0xC0 | (value >> 6)))
    output.append(UInt8(0x80 | (value & 0x3F)))
  case 0x800..<0x10000:
    output.append(UInt8(0xE0 | (value >> 12)))
    output.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
    output.append(UInt8(0x80 | (value & 0x3F)))
  default:
    output.append(UInt8(0xF0 | (value >> 18)))
    output.append(UInt8(0x80 | ((value >> 12) & 0x3F)))
    output.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
    output.append(UInt8(0x80 | (value & 0x3F)))
  }
}

extension Unicode.UTF16 {
  /// Decodes UTF-16 units into scalar values; an unpaired surrogate becomes U+FFFD.
  static func decodeAll(_ units: ArraySlice<UInt16>) -> [UInt32] {
    var result: [UInt32] = []
    result.reserveCapacity(units.count)
    var iterator = units.makeIterator()
    var decoder = Unicode.UTF16()
    loop: while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar): result.append(scalar.value)
      case .emptyInput: break loop
      case .error: result.append(0xFFFD)
      }
    }
    return result
  }
}
