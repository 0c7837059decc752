// Which of the simulator's commands a served BAMF takes as management messages (`bamf verbinden`).

import KBMLanguage

extension Interpreter {
    /// Sent to the Träger's own BAMF side in the service while connected; the service refuses every other command.
    public static let servedCommands: Set<DomainCommand> = [
        .bamf, .bamfTestdaten, .bamfRegisterTraeger, .bamfRegisterKursort, .bamfRegisterLehrkraft, .bamfRegisterTeilnehmer,
        .bamfHoechstzahl, .bamfStoerung,
    ]
}
