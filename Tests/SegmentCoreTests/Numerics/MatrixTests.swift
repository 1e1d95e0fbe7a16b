import Foundation
import Testing
@testable import SegmentCore

@Suite("Matrix")
struct MatrixTests {
    @Test("elements are stored row-major and rows slice correctly")
    func rowMajorLayout() {
        var matrix = Matrix(rows: 2, columns: 3, values: [1, 2, 3, 4, 5, 6])
        #expect(matrix[1, 0] == 4)
        #expect(Array(matrix.row(1)) == [4, 5, 6])
        matrix[0, 2] = 9
        #expect(matrix.values == [1, 2, 9, 4, 5, 6])
        #expect(matrix.withUnsafeRow(1) { Array($0) } == [4, 5, 6])
        #expect(Matrix(rows: 2, columns: 2, repeating: 7).values == [7, 7, 7, 7])
        #expect(matrix.selectingRows([1, 1, 0]).values == [4, 5, 6, 4, 5, 6, 1, 2, 9])
    }

    @Test("encodes as rows, columns and values and decodes back")
    func codableRoundTrip() throws {
        let matrix = Matrix(rows: 2, columns: 2, values: [1.5, -2, 0, 4])
        let data = try JSONEncoder().encode(matrix)
        let object = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["rows", "columns", "values"])
        #expect(try JSONDecoder().decode(Matrix.self, from: data) == matrix)
    }

    @Test("decoding rejects a value count that does not match the dimensions")
    func decodingRejectsWrongCount() {
        let json = Data(#"{"rows": 2, "columns": 2, "values": [1, 2, 3]}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Matrix.self, from: json) }
    }
}
