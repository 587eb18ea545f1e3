#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// Text: strings compared as the bytes they are.

extension String {
  /// Whether the two strings are the same UTF-8 bytes. `==` holds for canonically
  /// equivalent strings ("café" in NFC and in NFD), which caches of text to write out must
  /// tell apart; this compares the bytes in place, without walking a view byte by byte.
  func hasSameBytes(as other: String) -> Bool {
    let a = utf8
    let b = other.utf8
    guard a.count == b.count else { return false }
    let inPlace = a.withContiguousStorageIfAvailable { x in
      b.withContiguousStorageIfAvailable { y -> Bool in
        guard let p = x.baseAddress, let q = y.baseAddress, p != q else { return true }
        return memcmp(p, q, x.count) == 0
      }
    }
    if let inPlace, let same = inPlace { return same }
    return a.elementsEqual(b)
  }

  /// Feeds the string's UTF-8 bytes to `hasher` (its own `hash(into:)` hashes it as
  /// `==` compares it, up to canonical equivalence).
  func hashBytes(into hasher: inout Hasher) {
    let hashed: Void? = utf8.withContiguousStorageIfAvailable {
      hasher.combine(bytes: UnsafeRawBufferPointer($0))
    }
    if hashed == nil {
      for byte in utf8 { hasher.combine(byte) }
    }
  }
}
