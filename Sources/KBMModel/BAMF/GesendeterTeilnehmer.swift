// A Teilnehmer as a message to the BAMF carried him: the Kursplanung keeps the last plan's, as sent (R11).

public struct GesendeterTeilnehmer: Equatable, Sendable {
    public var nummer: String
    public var az: String?
    public var geboren: Day?

    public init(nummer: String, az: String?, geboren: Day?) {
        self.nummer = nummer
        self.az = az
        self.geboren = geboren
    }
}
