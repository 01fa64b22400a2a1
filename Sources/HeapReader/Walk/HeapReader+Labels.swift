import HeapGraph

extension HeapReader {
    /// The id of `text` in the snapshot's strings.
    func label(_ text: String) -> UInt32 { columns.strings.intern(text) }

    /// `[i]`: the label of a list's, tuple's or deque's item, made once per index.
    func indexLabel(_ i: Int) -> UInt32 {
        if i < indexLabels.count { return indexLabels[i] }
        guard i < 1 << 16 else { return label("[\(i)]") }
        while indexLabels.count <= i { indexLabels.append(label("[\(indexLabels.count)]")) }
        return indexLabels[i]
    }

    /// `12 items`: the label of a list, tuple or dict of that many items, made once per count.
    func countLabel(_ count: Int64) -> UInt32 {
        if count >= 0 && count < Int64(countLabels.count) && countLabels[Int(count)] != 0 {
            return countLabels[Int(count)]
        }
        columns.strings.scratch.appendDecimal(count)
        columns.strings.scratch.appendText(" items")
        let made = columns.strings.internScratch()
        if count >= 0 && count < 1 << 16 {
            if countLabels.count <= Int(count) {
                countLabels += Array(repeating: 0, count: Int(count) + 1 - countLabels.count)
            }
            countLabels[Int(count)] = made
        }
        return made
    }

    /// The labels (`.name`, the first 40 characters) of the values of a class's shared keys,
    /// in entry order (0, no label, for a key that is not a readable str), read once per keys
    /// object: the memory read does not change during a walk.
    func sharedKeyLabels(_ keys: UInt64) throws(HeapReaderError) -> [UInt32] {
        if let known = sharedKeyLabelCache[keys] { return known }
        let labels = try keyTable(keys).entries.map {
            (try? string($0.key)).map { label("." + String($0.prefix(40))) } ?? 0
        }
        sharedKeyLabelCache[keys] = labels
        return labels
    }

    /// `['key']`, `[42]` or `[<Type>]`: the name of a dict value's reference, made once per key
    /// object.
    func keyLabel(_ key: UInt64) throws(HeapReaderError) -> UInt32 {
        guard key != 0 else { throw HeapReaderError(.inconsistent, "A dict has a null key.") }
        if let known = keyLabels.find(UInt(key)) { return known }
        let made: UInt32
        let type = try typeRecord(try memory.word(key &+ UInt64(offsets.type)))
        if type.label == .str, let (text, _) = try plainString(key, limit: 40) {
            // Most keys: `['name']` written as bytes, without a `String`.
            columns.strings.scratch.append(UInt8(ascii: "["))
            Self.appendQuoted(text, to: &columns.strings.scratch)
            columns.strings.scratch.append(UInt8(ascii: "]"))
            made = columns.strings.internScratch()
        } else {
            made = label(try newKeyLabel(key, type: type))
        }
        _ = keyLabels.findOrInsert(UInt(key), made)
        return made
    }

    /// `keyLabel`'s text, not yet made.
    private func newKeyLabel(_ key: UInt64, type: TypeRecord) throws(HeapReaderError) -> String {
        switch type.label {
        case .str:
            return "[" + (try stringRepr(key, limit: 40)).text + "]"
        case .int where type.address == offsets.longTypeAddress:
            let text = try intLabel(key)
            return text.hasPrefix("int of") ? "[<int>]" : "[\(text)]"
        default:
            return "[<\(typeNames[Int(type.index)].name)>]"
        }
    }
}

/// Ids of the labels the walk gives most often, interned once per walk.
struct FixedLabels {
    var dict: UInt32 = 0
    var cls: UInt32 = 0
    var key: UInt32 = 0
    var nodeKey: UInt32 = 0

    init() {}

    init(_ strings: inout LabelInterner) {
        dict = strings.intern(".__dict__")
        cls = strings.intern(".__class__")
        key = strings.intern("<key>")
        nodeKey = strings.intern("<node key>")
    }
}
