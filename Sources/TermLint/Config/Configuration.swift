import Foundation

/// A rule's setting in `.lint.yml`: a severity, or off.
public enum RuleSetting: Equatable, Sendable {
  case severity(Severity)
  case off
}

/// When the exit status is 1: findings at or above a severity, or never.
public enum FailOn: String, Sendable, CaseIterable {
  case error, warning, info, never

  public func fails(_ severity: Severity) -> Bool {
    switch self {
    case .never: false
    case .error: severity >= .error
    case .warning: severity >= .warning
    case .info: true
    }
  }
}

/// The `.lint.yml` configuration, strict: unknown keys are errors.
///
/// ```yaml
/// include: ["**/*.txt", "**/*.md"]   # files to lint when walking folders (default: all)
/// exclude: ["drafts/**"]             # files and folders to leave out
/// builtin: true                      # use the bundled dictionaries (default true)
/// glossaries: [terms/house.yml]      # more glossaries, relative to this file
/// rules: {variant: error, form: off} # per-rule severity: error | warning | info | off
/// fail_on: warning                   # exit 1 for findings at or above this (or never)
/// ```
public struct Configuration: Sendable {
  /// The file it was read from; nil for the defaults.
  public var path: String?
  /// The folder globs are relative to.
  public var root: String
  public var include: [Glob] = []
  public var exclude: [Glob] = []
  public var builtin = true
  /// Glossary paths, resolved against `root`.
  public var glossaries: [String] = []
  public var rules: [String: RuleSetting] = [:]
  public var failOn: FailOn = .warning

  public static let fileName = ".lint.yml"
  static let keys = ["include", "exclude", "builtin", "glossaries", "rules", "fail_on"]

  public init(root: String) {
    self.root = root
  }

  /// The severity of each enabled rule.
  public var severities: [String: Severity] {
    var result: [String: Severity] = [:]
    for rule in RuleRegistry.all {
      switch rules[rule.id] {
      case .off: continue
      case .severity(let severity): result[rule.id] = severity
      case nil: result[rule.id] = rule.defaultSeverity
      }
    }
    return result
  }

  /// Parses `.lint.yml` text; `path` is the file, for messages and relative paths.
  public static func parse(yaml text: String, path: String) throws(TermLintError) -> Configuration {
    let root = (path as NSString).deletingLastPathComponent
    var configuration = Configuration(root: root.isEmpty ? "." : root)
    configuration.path = path
    let reader = YAMLReader(path: path, kind: .configuration)
    guard let node = try reader.parse(text), !reader.isNull(node) else { return configuration }
    for (key, _, value) in try reader.mapping(node, allowed: keys, what: path) {
      switch key {
      case "include":
        configuration.include = try reader.stringList(value, what: "'include'").map(Glob.init)
      case "exclude":
        configuration.exclude = try reader.stringList(value, what: "'exclude'").map(Glob.init)
      case "builtin":
        configuration.builtin = try reader.bool(value, what: "'builtin'")
      case "glossaries":
        configuration.glossaries = try reader.stringList(value, what: "'glossaries'").map {
          $0.hasPrefix("/") ? $0 : (configuration.root as NSString).appendingPathComponent($0)
        }
      case "rules":
        let known = RuleRegistry.all.map(\.id)
        for (rule, _, setting) in try reader.mapping(value, allowed: known, what: "'rules'") {
          let text = try reader.string(setting, what: "the setting of rule '\(rule)'")
          if text == "off" {
            configuration.rules[rule] = .off
          } else if let severity = Severity(rawValue: text) {
            configuration.rules[rule] = .severity(severity)
          } else {
            throw reader.error(
              "rule '\(rule)' must be set to error, warning, info or off, found '\(text)'",
              at: setting)
          }
        }
      case "fail_on":
        let text = try reader.string(value, what: "'fail_on'")
        guard let failOn = FailOn(rawValue: text) else {
          throw reader.error(
            "'fail_on' must be error, warning, info or never, found '\(text)'", at: value)
        }
        configuration.failOn = failOn
      default:
        break
      }
    }
    return configuration
  }

  /// Reads the configuration at `path`.
  public static func load(path: String) throws(TermLintError) -> Configuration {
    let bytes: [UInt8]
    do {
      bytes = try FileReader.contents(of: path)
    } catch {
      throw TermLintError(.configuration, "cannot read configuration: \(error.message)", path: path)
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw TermLintError(.configuration, "the configuration is not valid UTF-8", path: path)
    }
    return try parse(yaml: text, path: path)
  }

  /// Finds `.lint.yml` in `directory` or the nearest parent.
  public static func discover(from directory: String) -> String? {
    var current = URL(fileURLWithPath: directory).standardizedFileURL.path
    while true {
      let candidate = (current as NSString).appendingPathComponent(fileName)
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory),
        !isDirectory.boolValue
      {
        return candidate
      }
      let parent = (current as NSString).deletingLastPathComponent
      if parent == current || parent.isEmpty { return nil }
      current = parent
    }
  }

  /// Whether a path found by walking (or given) should be linted; `relative` is relative
  /// to `root`.
  public func includes(file relative: String) -> Bool {
    if exclude.contains(where: { $0.matches(relative) }) { return false }
    // A file inside an excluded folder is excluded too.
    var prefix = ""
    for segment in relative.split(separator: "/").dropLast() {
      prefix += prefix.isEmpty ? String(segment) : "/" + segment
      if exclude.contains(where: { $0.matches(prefix, isDirectory: true) }) { return false }
    }
    return include.isEmpty || include.contains { $0.matches(relative) }
  }

  public func excludes(directory relative: String) -> Bool {
    exclude.contains { $0.matches(relative, isDirectory: true) }
  }
}
