// A minimal XML element tree and its indented text form: the shape of InGe-Online documents.

public struct XMLNode: Equatable, Sendable {
    public var name: String
    public var attributes: [(String, String)]
    public var text: String?
    public var children: [XMLNode]

    public init(_ name: String, _ attributes: [(String, String)] = [], text: String? = nil, children: [XMLNode] = []) {
        self.name = name
        self.attributes = attributes
        self.text = text
        self.children = children
    }

    /// An element with text, or nothing when the value is missing (the field is omitted).
    public static func field(_ name: String, _ value: String?) -> [XMLNode] {
        value.map { [XMLNode(name, text: $0)] } ?? []
    }

    public static func == (a: XMLNode, b: XMLNode) -> Bool {
        a.name == b.name && a.text == b.text && a.children == b.children
            && a.attributes.map { $0.0 + "=" + $0.1 } == b.attributes.map { $0.0 + "=" + $0.1 }
    }

    public var document: String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + render(indent: "")
    }

    private func render(indent: String) -> String {
        let attrs = attributes.map { " \($0.0)=\"\(XMLNode.escape($0.1))\"" }.joined()
        if children.isEmpty {
            guard let text else { return "\(indent)<\(name)\(attrs)/>\n" }
            return "\(indent)<\(name)\(attrs)>\(XMLNode.escape(text))</\(name)>\n"
        }
        var out = "\(indent)<\(name)\(attrs)>\n"
        for child in children { out += child.render(indent: indent + "  ") }
        return out + "\(indent)</\(name)>\n"
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }
}
