extension ParameterProblem {
    /// The candidate closest to `word` by edit distance, if it is close enough to be a likely typo.
    ///
    /// Comparison ignores case. "Close enough" is at most one edit per three characters of the
    /// longer word, and at least one edit (so `clerance` finds `clearance`, `KA` finds `ka`, but
    /// `volume` does not find `route`).
    public static func suggestion(for word: String, among candidates: some Sequence<String>) -> String? {
        let target = Array(word.lowercased().unicodeScalars)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let other = Array(candidate.lowercased().unicodeScalars)
            let distance = editDistance(target, other)
            let allowed = max(1, max(target.count, other.count) / 3)
            guard distance <= allowed else { continue }
            if best == nil || distance < best!.distance {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// "Use 'a'." or "Use one of 'a', 'b'." followed by a "did you mean" for `word` when one is close.
    static func useOneOf(_ choices: [String], insteadOf word: String) -> String {
        let quoted = choices.map { "'\($0)'" }
        let use = quoted.count == 1 ? "Use \(quoted[0])." : "Use one of \(quoted.joined(separator: ", "))."
        return use + didYouMean(word, among: choices)
    }

    /// " Did you mean `x`?" when a close candidate exists, else the empty string.
    /// Nothing when there is a single candidate: the message already names it.
    static func didYouMean(_ word: String, among candidates: some Sequence<String>) -> String {
        let list = Array(candidates)
        guard list.count > 1, let match = suggestion(for: word, among: list) else { return "" }
        return " Did you mean '\(match)'?"
    }

    /// Optimal string alignment distance (Levenshtein plus adjacent transpositions), so a swapped
    /// pair of letters (`voluem`) counts as one typo.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let width = b.count + 1
        var table = [Int](repeating: 0, count: (a.count + 1) * width)
        for i in 0...a.count { table[i * width] = i }
        for j in 0...b.count { table[j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(
                    table[(i - 1) * width + j] + 1,
                    table[i * width + j - 1] + 1,
                    table[(i - 1) * width + j - 1] + cost
                )
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, table[(i - 2) * width + j - 2] + 1)
                }
                table[i * width + j] = value
            }
        }
        return table[a.count * width + b.count]
    }
}
