// nnlab-cli classify — the digit in each image file, read as the Draw view reads a loaded image
// (core/draw/image_digit.h, then the MNIST preprocessing of mnist_preprocess.h), and the ten
// probabilities the network gives it (digit_classifier.h).
#include "app/cli/commands.h"
#include "app/cli/model_argument.h"

#include "core/draw/digit_classifier.h"
#include "core/draw/image_digit.h"
#include "core/io/atomic_file.h"
#include "core/train/network_fit.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

namespace nnlab::cli {

namespace {

struct ClassifyOptions {
    std::string model;
    std::vector<std::string> images;
    bool json = false;
};

// The image's 28×28 input, as the Draw view would hand it to the network.
std::vector<float> inputFromImage(const std::string& file)
{
    const std::optional<MnistInput> input = preprocessForMnist(readDigitImage(file));
    if (!input)
        throw FileError(file + ": no digit found (the image is blank or has no contrast)");
    return input->pixels;
}

void print(const std::string& file, const Classification& result, bool json)
{
    if (json) {
        const nlohmann::ordered_json line{
            {"file", file}, {"digit", result.predicted}, {"probabilities", result.probabilities}};
        // A file name need not be UTF-8; JSON must be.
        std::cout << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    } else {
        std::string line = file + ": " + std::to_string(result.predicted);
        char part[32];
        std::snprintf(part, sizeof part, " (%.1f%%) ", 100.0 * result.confidence);
        line += part;
        for (std::size_t k = 0; k < result.probabilities.size(); ++k) {
            std::snprintf(part, sizeof part, " %zu:%.1f%%", k, 100.0 * result.probabilities[k]);
            line += part;
        }
        std::cout << line << "\n";
    }
    std::cout.flush();   // one line per image as it is read, also into a pipe
}

int runClassify(const ClassifyOptions& options)
{
    if (options.model.empty())
        throw UsageError("classify needs --model FILE (or a built-in model: " + builtInModelNames() + ")");
    if (options.images.empty())
        throw UsageError("classify needs one or more image files (PNG, JPEG, BMP or PGM)");
    const Network net = loadModelArgument(options.model);
    if (const std::string problem = fitProblem(net.inputSize(), net.outputSize()); !problem.empty())
        throw FileError(options.model + ": " + problem);

    // A bad image is one line on stderr; the others are still classified.
    int failed = 0;
    for (const std::string& file : options.images) {
        try {
            print(file, classify(net, inputFromImage(file)), options.json);
        } catch (const FileError& e) {
            std::cerr << e.what() << "\n";
            ++failed;
        } catch (const std::exception& e) {   // e.g. std::bad_alloc
            std::cerr << file << ": " << e.what() << "\n";
            ++failed;
        }
    }
    return failed ? 1 : 0;
}

}  // namespace

CommandRunner addClassifyCommand(CLI::App& cli)
{
    CLI::App* command = cli.add_subcommand(
        "classify", "the digit in each image file and its ten probabilities, read as the Draw view reads an image");
    command->footer(
        "Images: PNG, JPEG, BMP, PGM/PPM/PBM, dark ink on light paper or the reverse; each is fitted to the "
        "Draw view's canvas and preprocessed like MNIST (20x20 box, centre of mass at the centre). With a "
        "sigmoid output layer the probabilities are the outputs divided by their sum. An image that can't "
        "be read is one line on stderr, the others are still classified, and the exit status is 1.");
    auto options = std::make_shared<ClassifyOptions>();
    command->add_option("--model", options->model,
                        "the model file (network2.py JSON or nnlab's layer stack), or a built-in model: " +
                            builtInModelNames())
        ->type_name("FILE|NAME");
    command->add_option("images", options->images, "the image files")->type_name("IMAGE");
    addJsonFlag(*command, options->json, "one JSON object per image: {\"file\", \"digit\", \"probabilities\"}");
    return [options] { return runClassify(*options); };
}

}  // namespace nnlab::cli
