import Foundation
import GlossaryModel
import Yams

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
/// cache: .termlint-cache             # compiled glossary cache folder, or false for none
/// max_findings: 1000                 # the most findings a report shows (all are counted)
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
  /// Rule settings for some paths, applied in order after `rules`.
  public var overrides: [Override] = []
  /// Phrases never reported (compared folded: case, width, dashes and spacing ignored).
  public var allow: [String] = []
  public var failOn: FailOn = .warning
  /// Exit 1 when there are more warnings than this, whatever `failOn` says.
  public var maxWarnings: Int?
  /// The most findings a report shows, in all and per file (`--max-findings`).
  public var maxFindings: Int?
  public var maxFindingsPerFile: Int?
  /// File formats by glob, before the extension decides (`formats: {"notes/*.txt": markdown}`).
  public var formats: [(Glob, FileFormat)] = []
  /// Text in another language than this (by its primary subtag) is not checked: an HTML
  /// `lang="zh"` block, a TMX variant of a third language.
  public var targetLanguage = "en"
  /// Whether Markdown front matter (YAML `---`, TOML `+++`) is checked as prose.
  public var checkFrontMatter = false
  /// Where compiled glossaries are kept between runs (`GlossaryCache`).
  public var cache: CacheSetting = .platform

  /// `cache:` in `.lint.yml`: a folder (relative to the file), `false` for none, or, when
  /// absent, the platform cache folder.
  public enum CacheSetting: Equatable, Sendable {
    case platform
    case folder(String)
    case off
  }

  /// The format of `path`: the first `formats:` glob that matches, else its extension.
  public func format(for path: String) -> FileFormat {
    if !formats.isEmpty {
      let relative = relativePath(path)
      for (glob, format) in formats where glob.matches(relative) { return format }
    }
    return FileFormat.detect(path: path)
  }

  /// `overrides: [{files: [globs], rules: {rule: severity}}]`.
  public struct Override: Sendable {
    public var files: [Glob]
    public var rules: [String: RuleSetting]
  }

  public static let fileName = ".lint.yml"
  static let keys = [
    "include", "exclude", "builtin", "glossaries", "rules", "overrides", "allow", "fail_on",
    "max_warnings", "max_findings", "max_findings_per_file", "formats", "target_language",
    "front_matter", "cache",
  ]

  public init(root: String) {
    self.root = root
  }

  /// The severity of each enabled rule.
  public var severities: [String: Severity] { Self.resolve([rules]) }

  /// The severity of each enabled rule for the file at `relative` (relative to `root`):
  /// `rules`, then every override whose globs match, in order.
  public func severities(forRelative relative: String) -> [String: Severity] {
    Self.resolve(
      [rules] + overrides.filter { $0.files.contains { $0.matches(relative) } }.map(\.rules))
  }

  static func resolve(_ layers: [[String: RuleSetting]]) -> [String: Severity] {
    var result: [String: Severity] = [:]
    for rule in RuleRegistry.all {
      var setting =
        rule.enabledByDefault ? RuleSetting.severity(rule.defaultSeverity) : RuleSetting.off
      for layer in layers {
        if let value = layer[rule.id] { setting = value }
      }
      if case .severity(let severity) = setting { result[rule.id] = severity }
    }
    return result
  }

  static func ruleSettings(_ node: Node, reader: YAMLReader, what: String) throws(TermLintError)
    -> [String: RuleSetting]
  {
    var settings: [String: RuleSetting] = [:]
    let known = RuleRegistry.all.map(\.id)
    for (rule, _, setting) in try reader.mapping(node, allowed: known, what: what) {
      let text = try reader.string(setting, what: "the setting of rule '\(rule)'")
      if text == "off" {
        settings[rule] = .off
      } else if let severity = Severity(rawValue: text) {
        settings[rule] = .severity(severity)
      } else {
        throw reader.error(
          "rule '\(rule)' must be set to error, warning, info or off, found '\(text)'", at: setting)
      }
    }
    return settings
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
        configuration.rules = try ruleSettings(value, reader: reader, what: "'rules'")
      case "overrides":
        for item in try reader.sequence(value, what: "'overrides'") {
          var files: [Glob]?
          var rules: [String: RuleSetting] = [:]
          for (overrideKey, _, overrideValue) in try reader.mapping(
            item, allowed: ["files", "rules"], what: "an item of 'overrides'")
          {
            if overrideKey == "files" {
              files = try reader.stringList(overrideValue, what: "'files'").map(Glob.init)
            } else {
              rules = try ruleSettings(
                overrideValue, reader: reader, what: "'rules' of an override")
            }
          }
          guard let files, !files.isEmpty else {
            throw reader.error("an item of 'overrides' needs 'files:' (a list of globs)", at: item)
          }
          configuration.overrides.append(Override(files: files, rules: rules))
        }
      case "allow":
        configuration.allow = try reader.stringList(value, what: "'allow'")
      case "formats":
        for (pattern, _, formatNode) in try reader.anyMapping(value, what: "'formats'") {
          let name = try reader.string(formatNode, what: "the format of '\(pattern)'")
          guard let format = FileFormat(rawValue: name) else {
            let names = FileFormat.allCases.map(\.rawValue).joined(separator: ", ")
            throw reader.error("unknown format '\(name)' (formats: \(names))", at: formatNode)
          }
          configuration.formats.append((Glob(pattern), format))
        }
      case "target_language":
        let language = try reader.string(value, what: "'target_language'")
        guard !language.isEmpty, language.allSatisfy({ $0.isLetter || $0 == "-" }) else {
          throw reader.error("'target_language' must be a language tag such as en", at: value)
        }
        configuration.targetLanguage = language
      case "front_matter":
        let text = try reader.string(value, what: "'front_matter'")
        guard text == "skip" || text == "check" else {
          throw reader.error("'front_matter' must be skip or check, found '\(text)'", at: value)
        }
        configuration.checkFrontMatter = text == "check"
      case "max_findings", "max_findings_per_file":
        let count = try reader.int(value, what: "'\(key)'")
        guard count >= 0 else { throw reader.error("'\(key)' must not be negative", at: value) }
        if key == "max_findings" {
          configuration.maxFindings = count
        } else {
          configuration.maxFindingsPerFile = count
        }
      case "max_warnings":
        let count = try reader.int(value, what: "'max_warnings'")
        guard count >= 0 else {
          throw reader.error("'max_warnings' must not be negative", at: value)
        }
        configuration.maxWarnings = count
      case "fail_on":
        let text = try reader.string(value, what: "'fail_on'")
        guard let failOn = FailOn(rawValue: text) else {
          throw reader.error(
            "'fail_on' must be error, warning, info or never, found '\(text)'", at: value)
        }
        configuration.failOn = failOn
      case "cache":
        let text = try reader.string(value, what: "'cache'")
        if text == "false" {
          configuration.cache = .off
        } else if text.isEmpty || text == "true" {
          throw reader.error("'cache' must be a folder or false, found '\(text)'", at: value)
        } else {
          configuration.cache = .folder(
            text.hasPrefix("/")
              ? text : (configuration.root as NSString).appendingPathComponent(text))
        }
      default:
        throw reader.error("unhandled key '\(key)'", at: value)
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

  /// `path` relative to `root`, for glob matching; the path itself when outside `root`.
  public func relativePath(_ path: String) -> String {
    let full = URL(fileURLWithPath: path).standardizedFileURL.path
    let base = URL(fileURLWithPath: root).standardizedFileURL.path
    if full == base { return "" }
    let prefix = base.hasSuffix("/") ? base : base + "/"
    return full.hasPrefix(prefix) ? String(full.dropFirst(prefix.count)) : path
  }

  public func excludes(directory relative: String) -> Bool {
    exclude.contains { $0.matches(relative, isDirectory: true) }
  }
}
