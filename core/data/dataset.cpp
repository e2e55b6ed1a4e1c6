// dataset.cpp — finding, checking and loading MNIST / Fashion-MNIST into the book's split.
//
// Every check names the file at fault and, when the cure is to fetch the data again, the
// command that does it: a student who sees the error should know what to do next.
#include "core/data/dataset.h"

#include "core/data/idx.h"
#include "core/data/sha256.h"
#include "core/io/file_kind.h"
#include "core/util/enum_names.h"

#include <cstdlib>
#include <stdexcept>

#ifndef NNLAB_SOURCE_DIR
#define NNLAB_SOURCE_DIR "."
#endif

namespace nnlab {
namespace fs = std::filesystem;

namespace {

constexpr int imageSide = 28;
constexpr int validationSize = 10000;  // the last 10,000 images of the training file
constexpr int classCount = 10;
// The published files' sizes, which MNIST and Fashion-MNIST share: 60,000 training and 10,000
// test images with their labels.
constexpr std::uint32_t publishedTrainCount = 60000;
constexpr std::uint32_t publishedTestCount = 10000;

const char* const trainImagesName = "train-images-idx3-ubyte";
const char* const trainLabelsName = "train-labels-idx1-ubyte";
const char* const testImagesName = "t10k-images-idx3-ubyte";
const char* const testLabelsName = "t10k-labels-idx1-ubyte";

std::string displayName(DatasetKind kind)
{
    return kind == DatasetKind::Mnist ? "MNIST" : "Fashion-MNIST";
}

std::string fetchHint(DatasetKind kind) { return "; fetch it with: " + fetchCommand(kind); }

DatasetKind otherKind(DatasetKind kind)
{
    return kind == DatasetKind::Mnist ? DatasetKind::Fashion : DatasetKind::Mnist;
}

// "is MNIST, not Fashion-MNIST": what a file or folder of the other dataset is told.
std::string otherDatasetText(DatasetKind wanted)
{
    return "is " + displayName(otherKind(wanted)) + ", not " + displayName(wanted);
}

// The checksum `expected` holds for the file called `name`.
const std::string& checksumOf(const ExpectedChecksums& expected, const std::string& name)
{
    if (name == trainImagesName)
        return expected.trainImages;
    if (name == trainLabelsName)
        return expected.trainLabels;
    if (name == testImagesName)
        return expected.testImages;
    return expected.testLabels;
}

// Which dataset's published file `name` has the SHA-256 `sha`, if any.
std::optional<DatasetKind> publishedKindOf(const std::string& name, const std::string& sha)
{
    for (DatasetKind kind : {DatasetKind::Mnist, DatasetKind::Fashion})
        if (checksumOf(knownChecksums(kind), name) == sha)
            return kind;
    return std::nullopt;
}

// ---- Reading and checking the files -------------------------------------------------------

// The file `name` in `dir`, plain or gzip-compressed.
fs::path locateFile(DatasetKind kind, const fs::path& dir, const std::string& name)
{
    std::error_code error;
    if (fs::exists(dir / name, error))
        return dir / name;
    if (fs::exists(dir / (name + ".gz"), error))
        return dir / (name + ".gz");
    throw DataError((dir / name).string() + ": file not found (nor " + name + ".gz)"
                    + fetchHint(kind));
}

// The header an IDX file of these dimensions starts with; it is fully determined by the
// dimensions, so header + data are exactly the (decompressed) bytes of the file.
std::vector<std::uint8_t> idxHeader(const std::vector<std::uint32_t>& dims)
{
    std::vector<std::uint8_t> header = {0, 0, 0x08, static_cast<std::uint8_t>(dims.size())};
    for (std::uint32_t dim : dims)
        for (int shift = 24; shift >= 0; shift -= 8)
            header.push_back(static_cast<std::uint8_t>(dim >> shift));
    return header;
}

// The SHA-256 of the (decompressed) file: its header, then its data where it lies.
std::string fileSha256(const fs::path& path, const IdxArray& array)
{
    const std::vector<std::uint8_t> header = idxHeader(array.dims);
    try {
        return sha256Hex({header, array.data});
    } catch (const std::runtime_error& error) {
        throw DataError(path.string() + ": " + error.what());
    }
}

// The file must be the published `name`. One of the other dataset's published files is told as
// such ("is MNIST, not Fashion-MNIST"); anything else is damaged.
void checkSha256(DatasetKind kind, const fs::path& path, const std::string& name,
                 const IdxArray& array, const std::string& expected)
{
    if (expected.empty())
        return;
    const std::string got = fileSha256(path, array);
    if (got == expected)
        return;
    if (publishedKindOf(name, got) == otherKind(kind))
        throw DataError(path.string() + ": " + otherDatasetText(kind) + fetchHint(kind));
    throw DataError(path.string() + ": checksum mismatch (SHA-256 " + got + ", expected "
                    + expected + "): the file is damaged; fetch it again with: "
                    + fetchCommand(kind));
}

// readIdx, with the fetch command added to its message and the checksum verified.
IdxArray readVerified(DatasetKind kind, const fs::path& path, const std::string& name,
                      const std::string& expectedSha256, const IdxHeaderCheck& checkHeader)
{
    IdxArray array;
    try {
        array = readIdx(path, checkHeader);
    } catch (const DataError& error) {
        throw DataError(error.what() + fetchHint(kind));
    }
    checkSha256(kind, path, name, array, expectedSha256);
    return array;
}

std::string dimsText(const std::vector<std::uint32_t>& dims)
{
    std::string text;
    for (std::size_t i = 0; i < dims.size(); ++i)
        text += (i ? "×" : "") + std::to_string(dims[i]);
    return text;
}

// The header checks (readIdx makes them before any data is read; it adds the fetch command).

void checkImageHeader(const fs::path& path, const std::vector<std::uint32_t>& dims,
                      std::optional<std::uint32_t> publishedCount, DatasetKind kind)
{
    if (dims.size() != 3 || dims[1] != imageSide || dims[2] != imageSide)
        throw DataError(path.string() + ": wrong dimensions " + dimsText(dims)
                        + " (expected N×28×28 images)");
    // With the published checksum expected, no other count can match it: a header claiming 10⁷
    // images is refused here, before 7.8 GB are decompressed to find that out.
    if (publishedCount && dims[0] != *publishedCount)
        throw DataError(path.string() + ": header claims " + std::to_string(dims[0])
                        + " images, but the published " + displayName(kind) + " file has "
                        + std::to_string(*publishedCount));
}

void checkLabelHeader(const fs::path& imagesPath, const IdxArray& images, const fs::path& labelsPath,
                      const std::vector<std::uint32_t>& dims)
{
    if (dims.size() != 1)
        throw DataError(labelsPath.string() + ": wrong dimensions " + dimsText(dims)
                        + " (expected a list of N labels)");
    if (dims[0] != images.dims[0])
        throw DataError("image/label count mismatch: " + std::to_string(images.dims[0])
                        + " images in " + imagesPath.string() + " but " + std::to_string(dims[0])
                        + " labels in " + labelsPath.string());
}

void checkLabelValues(DatasetKind kind, const fs::path& path, const IdxArray& labels)
{
    for (std::size_t i = 0; i < labels.data.size(); ++i)
        if (labels.data[i] >= classCount)
            throw DataError(path.string() + ": label " + std::to_string(labels.data[i])
                            + " at index " + std::to_string(i) + " (labels must be 0..9)"
                            + fetchHint(kind));
}

struct LabelledFiles {
    fs::path imagesPath;
    IdxArray images;
    IdxArray labels;
};

// One images/labels pair, read and checked. `publishedCount`: the number of images the published
// files have, when their checksums are expected.
LabelledFiles readPair(DatasetKind kind, const fs::path& dir, const char* imagesName,
                       const char* labelsName, const ExpectedChecksums& expected,
                       std::optional<std::uint32_t> publishedCount)
{
    const fs::path imagesPath = locateFile(kind, dir, imagesName);
    const fs::path labelsPath = locateFile(kind, dir, labelsName);
    LabelledFiles files{imagesPath, {}, {}};
    files.images = readVerified(kind, imagesPath, imagesName, checksumOf(expected, imagesName),
                                [&](const std::vector<std::uint32_t>& dims) {
                                    checkImageHeader(imagesPath, dims, publishedCount, kind);
                                });
    files.labels = readVerified(kind, labelsPath, labelsName, checksumOf(expected, labelsName),
                                [&](const std::vector<std::uint32_t>& dims) {
                                    checkLabelHeader(imagesPath, files.images, labelsPath, dims);
                                });
    checkLabelValues(kind, labelsPath, files.labels);
    return files;
}

// Images [first, first + count) as columns of floats in [0, 1]. The plain loop over bytes is
// what the compiler vectorises best; dividing (rather than multiplying by 1/255) makes 255
// exactly 1.0f.
Dataset makeDataset(const LabelledFiles& files, int first, int count)
{
    constexpr std::size_t pixels = imageSide * imageSide;
    Dataset set;
    set.images.resize(static_cast<Eigen::Index>(pixels), count);
    const std::uint8_t* source = files.images.data.data() + std::size_t(first) * pixels;
    float* target = set.images.data();
    const std::size_t total = pixels * std::size_t(count);
    for (std::size_t i = 0; i < total; ++i)
        target[i] = static_cast<float>(source[i]) / 255.0f;
    set.labels.assign(files.labels.data.begin() + first, files.labels.data.begin() + first + count);
    return set;
}

// ---- Finding the folder -------------------------------------------------------------------

bool holdsTrainingImages(const fs::path& dir)
{
    std::error_code error;  // an unreadable folder simply does not qualify
    return fs::exists(dir / trainImagesName, error)
           || fs::exists(dir / (std::string(trainImagesName) + ".gz"), error);
}

std::vector<std::string> subfolderNames(DatasetKind kind)
{
    if (kind == DatasetKind::Mnist)
        return {"mnist"};
    return {"fashion", "fashion-mnist"};
}

std::string noFilesText(DatasetKind kind)
{
    std::string subfolders;
    for (const std::string& name : subfolderNames(kind))
        subfolders += (subfolders.empty() ? "" : " or ") + name + "/";
    return "no " + displayName(kind) + " files there (no " + trainImagesName
           + "[.gz] in it or in its " + subfolders + " subfolder)";
}

// Which published dataset the training labels in `dir` are: their SHA-256 tells MNIST and
// Fashion-MNIST apart (the images' headers are the same) for the price of reading 60 KB. Nothing
// for files that are neither (a damaged file, a fixture): loading them will say what is wrong.
std::optional<DatasetKind> publishedKindIn(const fs::path& dir)
{
    for (const std::string& name : {std::string(trainLabelsName), trainLabelsName + std::string(".gz")}) {
        const fs::path path = dir / name;
        if (!whyNotARegularFile(path).empty())
            continue;
        try {
            const IdxArray labels = readIdx(path, [&](const std::vector<std::uint32_t>& dims) {
                if (dims != std::vector<std::uint32_t>{publishedTrainCount})
                    throw DataError(path.string() + ": not a published file");  // never shown
            });
            return publishedKindOf(trainLabelsName, fileSha256(path, labels));
        } catch (const DataError&) {
            return std::nullopt;
        }
    }
    return std::nullopt;
}

// The outcome of looking in one place: the folder that holds the dataset, or why it was passed
// over ("folder not found", "is MNIST, not Fashion-MNIST", "permission denied: ...", ...).
struct Look {
    std::optional<fs::path> found;
    std::string whyNot;
};

// Looks in `base`'s subfolders named for the dataset, then in `base` itself. The named subfolder
// comes first, so a base holding MNIST itself and Fashion-MNIST in fashion/ gives each dataset
// its own files; a folder that holds the other dataset is passed over.
Look lookIn(DatasetKind kind, const fs::path& base)
{
    if (std::string why = whyNotAFolder(base); !why.empty())
        return {std::nullopt, why};
    std::string whyNot;
    auto passOver = [&](const std::string& why) {
        if (whyNot.empty())
            whyNot = why;
    };
    std::vector<fs::path> candidates;
    for (const std::string& name : subfolderNames(kind))
        candidates.push_back(base / name);
    candidates.push_back(base);
    for (const fs::path& dir : candidates) {
        const std::string which = dir == base ? "" : "its " + dir.filename().string() + "/ ";
        std::error_code error;
        if (dir != base && !fs::exists(dir, error))
            continue;
        if (const std::string why = whyNotAFolder(dir); !why.empty()) {
            passOver(which + why);
            continue;
        }
        if (!holdsTrainingImages(dir))
            continue;
        if (publishedKindIn(dir) == otherKind(kind)) {
            passOver(which + otherDatasetText(kind));
            continue;
        }
        return {dir, ""};
    }
    passOver(noFilesText(kind));
    return {std::nullopt, whyNot};
}

std::string environment(const char* name)
{
    const char* value = std::getenv(name);
    return value ? value : "";
}

}  // namespace

// ---- Public API -----------------------------------------------------------------------------

Dataset Dataset::slice(int first, int count) const
{
    if (first < 0 || count < 0 || first > size() - count)
        throw std::out_of_range("Dataset::slice(" + std::to_string(first) + ", "
                                + std::to_string(count) + ") of a set of "
                                + std::to_string(size()));
    Dataset part;
    part.images = images.middleCols(first, count);
    part.labels.assign(labels.begin() + first, labels.begin() + first + count);
    part.imageRows = imageRows;
    part.imageCols = imageCols;
    return part;
}

namespace {
constexpr EnumName<DatasetKind> kKindNames[] = {
    {DatasetKind::Mnist, "mnist"},
    {DatasetKind::Fashion, "fashion"},
    {DatasetKind::Fashion, "fashion-mnist"},   // read too; written "fashion"
};
}  // namespace

std::string datasetName(DatasetKind kind) { return enumName(kKindNames, kind); }

std::optional<DatasetKind> parseDatasetKind(const std::string& name) { return parseEnum(kKindNames, name); }

std::vector<std::string> classNames(DatasetKind kind)
{
    if (kind == DatasetKind::Mnist)
        return {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
    return {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
}

std::string fetchCommand(DatasetKind kind)
{
    if (kind == DatasetKind::Mnist)
        return NNLAB_SOURCE_DIR "/scripts/fetch-data";
    return "sudo apt-get install dataset-fashion-mnist";
}

std::vector<fs::path> dataSearchPlaces(DatasetKind kind)
{
    std::vector<fs::path> places;
    if (const std::string fromEnvironment = environment("NNLAB_DATA"); !fromEnvironment.empty())
        places.emplace_back(fromEnvironment);
    places.emplace_back(fs::path(NNLAB_SOURCE_DIR) / "data");
    if (const std::string xdg = environment("XDG_DATA_HOME"); !xdg.empty())
        places.push_back(fs::path(xdg) / "nnlab");
    else if (const std::string home = environment("HOME"); !home.empty())
        places.push_back(fs::path(home) / ".local" / "share" / "nnlab");
    if (kind == DatasetKind::Fashion)
        places.emplace_back("/usr/share/datasets/fashion-mnist");
    return places;
}

fs::path findDataDirIn(DatasetKind kind, const std::vector<fs::path>& places)
{
    std::string passedOver;
    for (const fs::path& place : places) {
        const Look look = lookIn(kind, place);
        if (look.found)
            return *look.found;
        passedOver += (passedOver.empty() ? "" : "; ") + place.string() + ": " + look.whyNot;
    }
    throw DataError(displayName(kind) + " not found (looked in " + passedOver + ")"
                    + fetchHint(kind));
}

fs::path findDataDir(DatasetKind kind, const std::optional<fs::path>& explicitDir)
{
    if (!explicitDir)
        return findDataDirIn(kind, dataSearchPlaces(kind));
    // An explicit folder is the user's choice: what is wrong with it is an error, not a reason to
    // look elsewhere. A path that can't be reached gets no fetch command: the data is not the
    // problem.
    if (const std::string why = whyNotAFolder(*explicitDir); !why.empty())
        throw DataError(explicitDir->string() + ": " + why);
    const Look look = lookIn(kind, *explicitDir);
    if (look.found)
        return *look.found;
    throw DataError(explicitDir->string() + ": " + look.whyNot + fetchHint(kind));
}

ExpectedChecksums knownChecksums(DatasetKind kind)
{
    if (kind == DatasetKind::Mnist)
        return {"ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
                "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
                "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
                "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"};
    // Fashion-MNIST as Debian's dataset-fashion-mnist ships it, after decompression.
    return {"c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
            "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
            "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
            "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"};
}

namespace {

// loadSplit's work; `published`: the published files are expected, so their sizes are known
// before a byte of data is read.
DataSplit loadChecked(DatasetKind kind, const fs::path& dir, int trainingSize,
                      const ExpectedChecksums& expected, bool published)
{
    const LabelledFiles trainFiles =
        readPair(kind, dir, trainImagesName, trainLabelsName, expected,
                 published ? std::optional(publishedTrainCount) : std::nullopt);
    const std::uint32_t trainCount = trainFiles.images.dims[0];
    if (trainCount <= std::uint32_t(validationSize))
        throw DataError(trainFiles.imagesPath.string() + ": only " + std::to_string(trainCount)
                        + " images; the split needs more than " + std::to_string(validationSize)
                        + " (its last " + std::to_string(validationSize)
                        + " are the validation set)" + fetchHint(kind));
    const int trainingRoom = static_cast<int>(trainCount) - validationSize;
    if (trainingSize < 1 || trainingSize > trainingRoom)
        throw DataError("training size " + std::to_string(trainingSize) + " is out of range: "
                        + trainFiles.imagesPath.string() + " has room for 1.."
                        + std::to_string(trainingRoom) + " training images");

    const LabelledFiles testFiles =
        readPair(kind, dir, testImagesName, testLabelsName, expected,
                 published ? std::optional(publishedTestCount) : std::nullopt);
    DataSplit split;
    split.training = makeDataset(trainFiles, 0, trainingSize);
    split.validation = makeDataset(trainFiles, trainingRoom, validationSize);
    split.test = makeDataset(testFiles, 0, static_cast<int>(testFiles.images.dims[0]));
    return split;
}

}  // namespace

DataSplit loadSplit(DatasetKind kind, const fs::path& dir, int trainingSize)
{
    return loadChecked(kind, dir, trainingSize, knownChecksums(kind), true);
}

DataSplit loadSplit(DatasetKind kind, const fs::path& dir, int trainingSize,
                    const ExpectedChecksums& expected)
{
    return loadChecked(kind, dir, trainingSize, expected, false);
}

DataSplit loadDataset(DatasetKind kind, const std::optional<fs::path>& explicitDir,
                      int trainingSize)
{
    return loadSplit(kind, findDataDir(kind, explicitDir), trainingSize);
}

}  // namespace nnlab
