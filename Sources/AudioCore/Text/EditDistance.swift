/// The Levenshtein distance between two words: the fewest single-character insertions, deletions and
/// substitutions that turn one into the other. Used to suggest the name someone meant ("did you mean 'check'?").
///
/// Not real-time safe: allocates.
///
/// - Complexity: O(a.count × b.count).
public func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    var previous = Array(0...b.count)
    for (i, characterOfA) in a.enumerated() {
        var current = [i + 1] + Array(repeating: 0, count: b.count)
        for (j, characterOfB) in b.enumerated() {
            let substitution = previous[j] + (characterOfA == characterOfB ? 0 : 1)
            current[j + 1] = min(substitution, previous[j + 1] + 1, current[j] + 1)
        }
        previous = current
    }
    return previous[b.count]
}
