// A Kursortkennung of the Mandant: where courses take place.

public struct Kursort: Equatable, Sendable {
    public var kennung: String
    public var name: String?

    public init(kennung: String, name: String? = nil) {
        self.kennung = kennung
        self.name = name
    }
}
