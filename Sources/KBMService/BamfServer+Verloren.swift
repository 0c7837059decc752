// The lost answer of a test (BamfService.loseNextAnswer): the headers promise the whole answer, half of it is
// sent, and the connection breaks, as when a network fails after the service committed.

import Hummingbird
import NIOCore

extension BamfServer {
    struct AnswerLost: Error {}

    static func cutOff(_ answer: BamfService.Reply) -> Response {
        let whole = ByteBuffer(string: answer.text)
        let half = whole.getSlice(at: whole.readerIndex, length: whole.readableBytes / 2) ?? whole
        return Response(status: .ok, headers: [.contentType: "text/xml; charset=utf-8"],
                        body: ResponseBody(contentLength: whole.readableBytes) { writer in
                            try await writer.write(half)
                            throw AnswerLost()
                        })
    }
}
