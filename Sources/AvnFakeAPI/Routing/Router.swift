/// Picks the route for a request and turns its result or failure into a response.
struct Router: Sendable {
    let routes: [Route]

    func respond(to request: HTTPRequest, peerAddress: String) -> HTTPResponse {
        guard let segments = request.pathSegments else { return APIFailure.notFound.response }
        let matching = routes.compactMap { route in
            route.parameters(for: segments).map { (route, $0) }
        }
        guard !matching.isEmpty else { return APIFailure.notFound.response }
        guard let (route, parameters) = matching.first(where: { $0.0.method == request.method })
        else {
            var response = APIFailure.methodNotAllowed.response
            let allowed = matching.map(\.0.method).joined(separator: ", ")
            response.extraHeaders.append((name: "Allow", value: allowed))
            return response
        }
        let context = RequestContext(
            request: request, parameters: parameters, peerAddress: peerAddress)
        do {
            return .json(try route.handler(context))
        } catch {
            return error.response
        }
    }
}
