/// `GET /openapi.json`: the hand-written OpenAPI 3.1 document of the API (etc/openapi.json, embedded at build).
enum OpenAPIRoutes: RouteGroup {
    static func register(_ routes: Routes) {
        routes.get("/openapi.json", access: .open) { _, _ in
            JSONResponse.make(PackageResources.openapi_json)
        }
    }
}
