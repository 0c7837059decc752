// Blanks around a typed value: only the ASCII space counts, so a value with other white space stays as it was typed.

extension String {
    public var trimmingBlanks: String {
        let bytes = utf8
        guard bytes.first == 0x20 || bytes.last == 0x20 else { return self }
        let start = bytes.firstIndex { $0 != 0x20 } ?? bytes.endIndex
        guard start != bytes.endIndex else { return "" }
        let end = bytes.lastIndex { $0 != 0x20 }!
        return String(self[start...end])
    }
}
