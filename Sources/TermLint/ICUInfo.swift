/// Facts about the ICU library termlint is linked with.
public enum ICUInfo {
  /// The ICU version, such as "72.1".
  public static var version: String { ICU.version }
}
