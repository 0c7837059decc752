// Why a well-formed command cannot be carried out on the session as it is.

public enum DomainError: Error, Equatable, Sendable {
    case noOpenAuftrag
    case unknownAuftrag(String)
    case auftragExists(String)
    case unknownKursort(String)
    case kursortExists(String)
    case auftragHasMessages(String)
    case emptyText(key: String)
}
