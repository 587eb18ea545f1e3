/// A unified diff of two texts by lines (Myers' O(ND) algorithm over the lines that differ
/// after the common head and tail are set aside), with three lines of context, as `patch`
/// and `git apply` read it. Line endings are kept as they are, so a CRLF file diffs as CRLF.
public enum UnifiedDiff {
  public static func diff(
    old: [UInt8], new: [UInt8], oldName: String, newName: String, context: Int = 3
  ) -> String {
    let a = lines(old)
    let b = lines(new)
    let script = editScript(a, b)
    guard script.contains(where: { $0.kind != .same }) else { return "" }
    var out = "--- \(oldName)\n+++ \(newName)\n"
    // Group the script into hunks with `context` lines around changes.
    var index = 0
    while index < script.count {
      guard let firstChange = script[index...].firstIndex(where: { $0.kind != .same }) else {
        break
      }
      let start = max(index, firstChange - context)
      var end = firstChange
      var lastChange = firstChange
      while end < script.count {
        if script[end].kind != .same {
          lastChange = end
        } else if end - lastChange > 2 * context {
          break
        }
        end += 1
      }
      end = min(script.count, lastChange + 1 + context)
      let hunk = script[start..<end]
      let oldStart = hunk.first { $0.kind != .insert }?.oldIndex ?? (script[start].oldIndex)
      let newStart = hunk.first { $0.kind != .delete }?.newIndex ?? (script[start].newIndex)
      let oldCount = hunk.filter { $0.kind != .insert }.count
      let newCount = hunk.filter { $0.kind != .delete }.count
      out += "@@ -\(range(oldStart, oldCount)) +\(range(newStart, newCount)) @@\n"
      for step in hunk {
        let (prefix, line) =
          switch step.kind {
          case .same: (" ", a[step.oldIndex])
          case .delete: ("-", a[step.oldIndex])
          case .insert: ("+", b[step.newIndex])
          }
        out += prefix + String(decoding: line, as: UTF8.self)
        if line.last != 0x0A { out += "\n\\ No newline at end of file\n" }
      }
      index = end
    }
    return out
  }

  /// `start,count` with 1-based start; an empty range names the line before it.
  static func range(_ start: Int, _ count: Int) -> String {
    count == 0 ? "\(start),0" : "\(start + 1),\(count)"
  }

  /// Lines with their terminators (LF, CRLF; a lone CR stays inside its line).
  static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
    var result: [ArraySlice<UInt8>] = []
    var start = 0
    for index in bytes.indices where bytes[index] == 0x0A {
      result.append(bytes[start...index])
      start = index + 1
    }
    if start < bytes.count { result.append(bytes[start...]) }
    return result
  }

  struct Step {
    enum Kind { case same, delete, insert }
    var kind: Kind
    var oldIndex: Int
    var newIndex: Int
  }

  static func editScript(_ a: [ArraySlice<UInt8>], _ b: [ArraySlice<UInt8>]) -> [Step] {
    var head = 0
    while head < a.count && head < b.count && a[head] == b[head] { head += 1 }
    var tail = 0
    while tail < a.count - head && tail < b.count - head
      && a[a.count - 1 - tail] == b[b.count - 1 - tail]
    {
      tail += 1
    }
    var steps = (0..<head).map { Step(kind: .same, oldIndex: $0, newIndex: $0) }
    steps += myers(a, b, head: head, oldEnd: a.count - tail, newEnd: b.count - tail)
    steps += (0..<tail).map {
      Step(kind: .same, oldIndex: a.count - tail + $0, newIndex: b.count - tail + $0)
    }
    return steps
  }

  /// Myers' greedy shortest edit script for a[head..<oldEnd] against b[head..<newEnd].
  static func myers(
    _ a: [ArraySlice<UInt8>], _ b: [ArraySlice<UInt8>], head: Int, oldEnd: Int, newEnd: Int
  ) -> [Step] {
    let n = oldEnd - head
    let m = newEnd - head
    if n == 0 { return (0..<m).map { Step(kind: .insert, oldIndex: head, newIndex: head + $0) } }
    if m == 0 { return (0..<n).map { Step(kind: .delete, oldIndex: head + $0, newIndex: head) } }
    let max = n + m
    let offset = max
    var v = [Int](repeating: 0, count: 2 * max + 2)
    var trace: [[Int]] = []
    search: for d in 0...max {
      trace.append(v)
      for k in stride(from: -d, through: d, by: 2) {
        var x =
          (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]))
          ? v[offset + k + 1] : v[offset + k - 1] + 1
        var y = x - k
        while x < n && y < m && a[head + x] == b[head + y] {
          x += 1
          y += 1
        }
        v[offset + k] = x
        if x >= n && y >= m { break search }
      }
    }
    // Walk the trace back from (n, m).
    var steps: [Step] = []
    var x = n
    var y = m
    for d in stride(from: trace.count - 1, through: 0, by: -1) {
      let v = trace[d]
      let k = x - y
      let previousK =
        (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? k + 1 : k - 1
      let previousX = d == 0 ? 0 : v[offset + previousK]
      let previousY = previousX - previousK
      while x > previousX && y > previousY {
        x -= 1
        y -= 1
        steps.append(Step(kind: .same, oldIndex: head + x, newIndex: head + y))
      }
      if d > 0 {
        if x == previousX {
          y -= 1
          steps.append(Step(kind: .insert, oldIndex: head + x, newIndex: head + y))
        } else {
          x -= 1
          steps.append(Step(kind: .delete, oldIndex: head + x, newIndex: head + y))
        }
      }
    }
    return steps.reversed()
  }
}
