// A Lehrkraft attached to an Auftrag (Zuständigkeit).

/// A Lehrkraft attached to an Auftrag; only Art Lehrkraft counts for the KBM.
public struct Zustaendigkeit: Equatable, Sendable {
    public enum Art: String, CaseIterable, Sendable {
        case lehrkraft, koordinator

        public var name: String { self == .lehrkraft ? "Lehrkraft" : "Koordinator" }
    }

    public var kennung: String
    public var art: Art

    public init(kennung: String, art: Art) {
        self.kennung = kennung
        self.art = art
    }
}
