// dataset.h — labelled image sets as the engine consumes them, and the book's MNIST split.
//
// Images are stored one per column (the book's x is a 784-vector), pixels scaled to [0, 1]:
// `images` is (rows·cols) × N, column-major, so a mini-batch is a block of columns.
#pragma once

#include <Eigen/Core>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace nnlab {

// Any problem with data files. what() is one line for a person: the file, what is wrong,
// and (when the data can be fetched) the command that fetches it.
class DataError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct Dataset {
    Eigen::MatrixXf images;            // (imageRows·imageCols) × N, pixels in [0, 1]
    std::vector<std::uint8_t> labels;  // N labels, 0..9
    int imageRows = 28;
    int imageCols = 28;

    int size() const { return static_cast<int>(labels.size()); }
    int inputSize() const { return imageRows * imageCols; }
    // Columns [first, first + count) as a new set.
    Dataset slice(int first, int count) const;
};

// The book's split: training = the first 50,000 images of the training file (or fewer, for the
// overfitting experiments), validation = its last 10,000, test = the 10,000 of t10k.
struct DataSplit {
    Dataset training;
    Dataset validation;
    Dataset test;
};

enum class DatasetKind { Mnist, Fashion };

std::string datasetName(DatasetKind kind);                       // "mnist" / "fashion"
std::optional<DatasetKind> parseDatasetKind(const std::string& name);
std::vector<std::string> classNames(DatasetKind kind);           // "0".."9" or "T-shirt/top"...

// The shell command that fetches the dataset, for error messages.
std::string fetchCommand(DatasetKind kind);

// Where to read a dataset from, in this order: `explicitDir` (--data DIR), $NNLAB_DATA,
// data/ beside the source tree, $XDG_DATA_HOME/nnlab (default ~/.local/share/nnlab); for
// Fashion-MNIST also Debian's /usr/share/datasets/fashion-mnist. A base folder may hold the
// four IDX files itself or in a subfolder named for the dataset (mnist/, fashion/). A folder
// whose files are the other dataset's (told by their SHA-256) is passed over: "is MNIST, not
// Fashion-MNIST". An explicit folder that lacks the files, holds the other dataset or can't be
// reached is an error, not a reason to look elsewhere. Throws DataError naming each place
// searched and why it was passed over, and the fetch command.
std::filesystem::path findDataDir(DatasetKind kind,
                                  const std::optional<std::filesystem::path>& explicitDir = {});

// The places findDataDir searches when no folder is given, in its order.
std::vector<std::filesystem::path> dataSearchPlaces(DatasetKind kind);

// findDataDir's search over `places`: the first that holds the dataset wins.
std::filesystem::path findDataDirIn(DatasetKind kind,
                                    const std::vector<std::filesystem::path>& places);

// Loads and checks the four IDX files (plain or gzip) from `dir`: magic numbers, sizes,
// image/label counts, 28×28 dimensions, labels 0..9, and the SHA-256 of the published files
// (the other dataset's files are told as such). The headers are checked before any data is read:
// one that differs from the published file's is refused at once. trainingSize ≤ 50,000 takes
// that many from the start of the training file.
DataSplit loadSplit(DatasetKind kind, const std::filesystem::path& dir, int trainingSize = 50000);

// findDataDir + loadSplit.
DataSplit loadDataset(DatasetKind kind,
                      const std::optional<std::filesystem::path>& explicitDir = {},
                      int trainingSize = 50000);

// The SHA-256 (lower-case hex, of the decompressed bytes) each of the four files must have.
// An empty string skips that file's check, which lets tests load small fixtures.
struct ExpectedChecksums {
    std::string trainImages;
    std::string trainLabels;
    std::string testImages;
    std::string testLabels;
};

// The checksums of the published dataset; loadSplit(kind, dir, trainingSize) checks these.
ExpectedChecksums knownChecksums(DatasetKind kind);

// loadSplit with an explicit checksum table (all other checks are the same).
DataSplit loadSplit(DatasetKind kind, const std::filesystem::path& dir, int trainingSize,
                    const ExpectedChecksums& expected);

}  // namespace nnlab
