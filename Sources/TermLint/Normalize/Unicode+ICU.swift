import CICU

/// String-level ICU helpers for the few places that work on short strings (forms,
/// matched spans, display), not on whole files.
enum ICU {
  enum Normalization {
    case nfc, nfkc, nfkcCasefold
  }

  static func normalize(_ string: String, _ form: Normalization) -> String {
    let source = Array(string.utf16)
    var capacity = max(16, source.count * 2)
    while true {
      var destination = [UInt16](repeating: 0, count: capacity)
      let length = source.withUnsafeBufferPointer { src in
        destination.withUnsafeMutableBufferPointer { dst -> Int32 in
          switch form {
          case .nfc: cicu_nfc(src.baseAddress, Int32(src.count), dst.baseAddress, Int32(capacity))
          case .nfkc: cicu_nfkc(src.baseAddress, Int32(src.count), dst.baseAddress, Int32(capacity))
          case .nfkcCasefold:
            cicu_nfkc_cf(src.baseAddress, Int32(src.count), dst.baseAddress, Int32(capacity))
          }
        }
      }
      if length < 0 { return string }
      if Int(length) <= capacity {
        return String(decoding: destination[0..<Int(length)], as: UTF16.self)
      }
      capacity = Int(length)
    }
  }

  static func isDefaultIgnorable(_ scalar: Unicode.Scalar) -> Bool {
    cicu_is_default_ignorable(scalar.value) != 0
  }

  /// Terminal columns of a scalar: 2 for wide and fullwidth, 0 for combining marks.
  static func displayWidth(_ scalar: Unicode.Scalar) -> Int {
    if scalar.value < 0x7F { return scalar.value < 0x20 ? 0 : 1 }
    return Int(cicu_display_width(scalar.value))
  }

  static var version: String {
    var buffer = [CChar](repeating: 0, count: 32)
    cicu_version(&buffer, Int32(buffer.count))
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}

extension ICU {
  /// `string` with Traditional Chinese characters written in Simplified (ICU "Hant-Hans");
  /// the string itself when the transliterator is unavailable.
  static func simplified(_ string: String) -> String {
    let source = Array(string.utf16)
    guard !source.isEmpty else { return string }
    var capacity = max(16, source.count + 16)
    while true {
      var destination = [UInt16](repeating: 0, count: capacity)
      let length = source.withUnsafeBufferPointer { src in
        destination.withUnsafeMutableBufferPointer { dst -> Int32 in
          cicu_to_simplified(src.baseAddress, Int32(src.count), dst.baseAddress, Int32(capacity))
        }
      }
      if length < 0 { return string }
      if Int(length) <= capacity {
        return String(decoding: destination[0..<Int(length)], as: UTF16.self)
      }
      capacity = Int(length)
    }
  }
}
