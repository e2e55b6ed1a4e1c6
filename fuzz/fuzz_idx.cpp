// fuzz_idx — the IDX reader (core/data/idx.h), plain and gzip. readIdx() works on a path (zlib
// reads gzip files itself), so each input is written to a scratch file first; the seeds hold
// both plain and gzip files, and the fuzzer mutates both.
#include "fuzz/fuzz_check.h"

#include "core/data/dataset.h"
#include "core/data/idx.h"

#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace {

const fs::path& scratchFile()
{
    // /dev/shm when there is one: the file is rewritten for every input.
    static const fs::path path = [] {
        const fs::path dir = fs::exists("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
        return dir / ("nnlab-fuzz-idx-" + std::to_string(getpid()) + ".idx");
    }();
    return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const fs::path& path = scratchFile();
    std::ofstream(path, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data),
                                                                   std::streamsize(size));
    try {
        const nnlab::IdxArray array = nnlab::readIdx(path);
        std::size_t product = 1;
        for (std::uint32_t dim : array.dims)
            product *= dim;
        if (array.dims.empty() || product != array.data.size())
            std::abort();   // the reader returned an array that disagrees with its own header
    } catch (const nnlab::DataError& e) {
        requireOneLineNamingFile(e.what(), path.string());
    }
    return 0;
}
