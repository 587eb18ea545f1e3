// Diagnostics stage: one finding per place.
//
// Takes: a file's findings from every rule, after suppressions. Gives: the same findings
// with those that several rules made at one place merged into one, from the most specific
// rule, the others folded into its notes.

/// Merges findings that several rules made at one place.
///
/// Rules that judge the rendering of a concept often meet: a listed variant is also one of
/// the file's inconsistent renderings; a numeral or look-alike match may be a form
/// difference. Where their spans overlap, the reader gets one diagnostic: from the most
/// severe of them (as configured), on a tie the first rule of `precedence`; with the
/// winner's fix, else a same-span fix of another; and a note for every other rule's verdict
/// and related places. So the rule shown is the one whose severity counts for `--fail-on`.
/// Findings of rules outside `precedence` are never merged.
public enum FindingMerge {
  /// From most to least specific.
  public static let precedence = [
    "variant", "missing-term", "numeral-variant", "confusable", "reordered", "form",
    "inconsistent", "typography",
  ]

  static let rank: [String: Int] = Dictionary(
    uniqueKeysWithValues: precedence.enumerated().map { ($1, $0) })

  public static func merge(_ findings: [(Finding, Severity)]) -> [(Finding, Severity)] {
    merged(findings) ?? findings
  }

  /// Merges in place: an array with nothing to merge is left as it is, not copied.
  static func merge(_ findings: inout [(Finding, Severity)]) {
    if let merged = merged(findings) { findings = merged }
  }

  /// The findings merged, or nil when no two mergeable findings overlap.
  private static func merged(_ findings: [(Finding, Severity)]) -> [(Finding, Severity)]? {
    let mergeable = findings.indices.filter { rank[findings[$0].0.rule] != nil }
    guard mergeable.count > 1 else { return nil }
    let ordered = mergeable.sorted {
      let a = findings[$0].0.range
      let b = findings[$1].0.range
      return a.start != b.start ? a.start < b.start : $0 < $1
    }
    // Most files have no overlapping spans: nothing to merge, no clusters to build.
    var reach = -1
    var overlaps = false
    for index in ordered {
      let range = findings[index].0.range
      if range.start < reach {
        overlaps = true
        break
      }
      reach = max(reach, range.end)
    }
    guard overlaps else { return nil }
    // Clusters of overlapping spans.
    var clusters: [[Int]] = []
    var clusterEnd = -1
    for index in ordered {
      let range = findings[index].0.range
      if let last = clusters.indices.last, range.start < clusterEnd {
        clusters[last].append(index)
        clusterEnd = max(clusterEnd, range.end)
      } else {
        clusters.append([index])
        clusterEnd = range.end
      }
    }
    guard clusters.contains(where: { $0.count > 1 }) else { return nil }
    var dropped = Set<Int>()
    var replaced: [Int: (Finding, Severity)] = [:]
    for cluster in clusters where cluster.count > 1 {
      let winner = cluster.min {
        let (x, y) = (findings[$0], findings[$1])
        if x.1 != y.1 { return x.1 > y.1 }
        let a = rank[x.0.rule] ?? 0
        let b = rank[y.0.rule] ?? 0
        return a != b ? a < b : $0 < $1
      }!
      var finding = findings[winner].0
      let severity = findings[winner].1
      for index in cluster where index != winner {
        let other = findings[index].0
        if finding.fix == nil, let fix = other.fix, other.range == finding.range {
          finding.fix = fix
        }
        if !(finding.rule == other.rule && finding.message == other.message) {
          finding.notes.append(Note(message: other.noteMessage ?? other.message, rule: other.rule))
        }
        var seen = Set(finding.notes)
        for note in other.notes + other.relatedNotes where seen.insert(note).inserted {
          // A related place that is this finding's own place says nothing.
          if note.path == nil && note.range == finding.range { continue }
          finding.notes.append(note)
        }
        dropped.insert(index)
      }
      replaced[winner] = (finding, severity)
    }
    var result: [(Finding, Severity)] = []
    result.reserveCapacity(findings.count - dropped.count)
    for index in findings.indices where !dropped.contains(index) {
      result.append(replaced[index] ?? findings[index])
    }
    return result
  }
}
