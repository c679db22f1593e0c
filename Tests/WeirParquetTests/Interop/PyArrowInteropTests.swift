import Foundation
import Testing
import WeirParquet
import WeirTestSupport

@Suite struct PyArrowInteropTests {
    @Test func readsPyArrowFilesOfEveryPageVersionAndDictionarySetting() throws {
        let directory = try TemporaryDirectory("weir-pyarrow")
        let files = try InteropFiles.generate(
            #"""
            table = sample_table()
            for version in ['1.0', '2.0']:
                for codec in ['none']:
                    for dictionary in [True, False]:
                        name = 'v%s_%s_%s' % (version[0], codec, 'dict' if dictionary else 'plain')
                        emit(name, lambda p: pq.write_table(table, p, data_page_version=version, compression=codec,
                                                            use_dictionary=dictionary, row_group_size=120,
                                                            data_page_size=512))
            """#, in: directory)
        #expect(files.count == 4)
        for file in files { try InteropFiles.check(file) }
    }
}
