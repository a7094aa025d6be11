import Foundation
#if FUZZING
import CLibFuzzer
#endif

/// The fuzz executable. Built with `-sanitize=fuzzer,address -DFUZZING` (scripts/fuzz), its main
/// hands the command line to libFuzzer's driver with ``ScenarioFuzzCheck/check(_:)`` as the
/// target, so every libFuzzer option works (`-max_total_time`, `-dict`, corpus folders, …).
/// Built plainly, it replays files given on its command line through the same checks:
/// `swift run --package-path Fuzz ScenarioFuzzer FILE...`, printing each name before its checks
/// so the last name printed is the one that trapped.
@main
struct ScenarioFuzzer {
    static func main() {
        #if FUZZING
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            ScenarioFuzzCheck.check(data.map { Data(bytes: $0, count: size) } ?? Data())
            return 0
        })
        #else
        let files = CommandLine.arguments.dropFirst()
        if files.isEmpty {
            FileHandle.standardError.write(Data("usage: ScenarioFuzzer FILE... (replays each file through the fuzz checks)\n".utf8))
            exit(2)
        }
        for file in files {
            guard let bytes = FileManager.default.contents(atPath: file) else {
                FileHandle.standardError.write(Data("\(file): cannot read\n".utf8))
                exit(2)
            }
            print(file, terminator: ": ")
            fflush(stdout)
            ScenarioFuzzCheck.check(bytes)
            print("ok")
        }
        #endif
    }
}
