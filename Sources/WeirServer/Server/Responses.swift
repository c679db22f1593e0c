import Foundation
import Hummingbird
import Weir

/// Turns pages, JSON and failures into responses, with the same security headers on each.
enum Responses {
    static func html(_ page: Page, project: String, status: HTTPResponse.Status = .ok) -> Response {
        response(page.document(project: project).rendered, type: "text/html; charset=utf-8", status: status)
    }

    static func json(_ document: JSONDocument, status: HTTPResponse.Status = .ok) -> Response {
        response(document.rendered(pretty: true) + "\n", type: "application/json; charset=utf-8", status: status)
    }

    static func response(_ text: String, type: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.xContentTypeOptions] = "nosniff"
        headers[.cacheControl] = "no-store"
        // Scripts only from this server; even a string that escaped escaping could not run.
        headers[.contentSecurityPolicy] =
            "default-src 'self'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// A page for a failure: a missing record, a bad query, a corrupt store or an invalid `weir.yaml`.
    static func failurePage(_ error: any Error, project: String) -> Response {
        let (status, title, message) = describe(error)
        let page = Page(
            title: title, section: nil,
            body:
                "<div class=\"notice error\" role=\"alert\"><p>\(message)</p></div><p><a href=\"/\">Back to the pipeline</a></p>"
        )
        return html(page, project: project, status: status)
    }

    static func failureJSON(_ error: any Error) -> Response {
        let (status, _, message) = describe(error)
        return json(.object(["error": .string(message), "status": .integer(Int64(status.code))]), status: status)
    }

    static func describe(_ error: any Error) -> (HTTPResponse.Status, String, String) {
        switch error {
        case let error as DashboardError:
            return (error.status, error.status == .notFound ? "Not found" : "Bad request", error.message)
        case let error as StateStoreCorruptError:
            return (.serviceUnavailable, "The state store is damaged", error.description)
        case let error as StateStoreError:
            return (.serviceUnavailable, "The state store cannot be read", error.description)
        case let error as any UserFacingError:
            return (.internalServerError, "This page cannot be shown", error.description)
        default:
            return (.internalServerError, "This page cannot be shown", String(describing: error))
        }
    }
}
